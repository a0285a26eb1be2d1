package org.civic311.conversations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches the photos of incoming messages from the providers' media hosts only (never an address a message could
 * choose), with a size limit and timeouts. A photo that cannot be fetched is left out; the message is kept.
 */
@Component
class PhotoFetcher {

    private static final Logger log = LoggerFactory.getLogger(PhotoFetcher.class);

    private final InboxProperties properties;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    PhotoFetcher(InboxProperties properties) {
        this.properties = properties;
    }

    Optional<byte[]> fetch(String url, @Nullable String authorization) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || !properties.photoHosts().contains(uri.getHost())) {
            log.warn("Photo at {} not fetched: its host is not a provider's media host", url);
            return Optional.empty();
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    log.warn("Photo at {} not fetched: {}", url, response.statusCode());
                    return Optional.empty();
                }
                long max = properties.maxPhotoSize().toBytes();
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (bytes.length > max) {
                    log.warn("Photo at {} not kept: larger than {}", url, properties.maxPhotoSize());
                    return Optional.empty();
                }
                return Optional.of(bytes);
            }
        } catch (IOException e) {
            log.warn("Photo at {} not fetched: {}", url, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
