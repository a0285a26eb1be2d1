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

    private final java.util.Set<String> hosts;

    PhotoFetcher(InboxProperties properties) {
        this.properties = properties;
        this.hosts = new java.util.HashSet<>(properties.photoHosts());
        // The city's own Mastodon server serves the media of the statuses it relays.
        if (properties.mastodon().baseUrl() != null) {
            String host = URI.create(properties.mastodon().baseUrl()).getHost();
            if (host != null) {
                hosts.add(host);
            }
        }
    }

    static final int MAX_REDIRECTS = 3;

    /**
     * One try at a photo: the photo, or why not. Only a fault that may pass (the host down, a time-out, a 5xx, 408
     * or 429) is worth trying again; a host that is not a provider's, a refusal or a photo too large is final.
     */
    record Attempt(byte @Nullable [] photo, boolean worthRetrying) {

        static final Attempt FINAL = new Attempt(null, false);
        static final Attempt LATER = new Attempt(null, true);
    }

    Optional<byte[]> fetch(String url, @Nullable String authorization) {
        return Optional.ofNullable(attempt(url, authorization).photo());
    }

    Attempt attempt(String url, @Nullable String authorization) {
        String next = url;
        String credentials = authorization;
        String firstHost = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI uri = allowed(next);
            if (uri == null) {
                return Attempt.FINAL;
            }
            if (firstHost == null) {
                firstHost = uri.getHost();
            } else if (!uri.getHost().equals(firstHost)) {
                credentials = null; // the provider's credentials never go to another host
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
                if (credentials != null) {
                    request.header("Authorization", credentials);
                }
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    if (status / 100 == 3
                            && response.headers().firstValue("Location").isPresent()) {
                        // Providers serve media through their CDNs; each hop must be a media host too.
                        next = uri.resolve(response.headers()
                                        .firstValue("Location")
                                        .get())
                                .toString();
                        continue;
                    }
                    if (status != 200) {
                        log.warn("Photo at {} not fetched: {}", hostOf(url), status);
                        return status / 100 == 5 || status == 408 || status == 429 ? Attempt.LATER : Attempt.FINAL;
                    }
                    long max = properties.maxPhotoSize().toBytes();
                    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                    if (bytes.length > max) {
                        log.warn("Photo at {} not kept: larger than {}", hostOf(url), properties.maxPhotoSize());
                        return Attempt.FINAL;
                    }
                    return new Attempt(bytes, false);
                }
            } catch (IOException e) {
                log.warn(
                        "Photo at {} not fetched: {}", hostOf(url), e.getClass().getSimpleName());
                return Attempt.LATER;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.LATER;
            }
        }
        log.warn("Photo at {} not fetched: too many redirects", hostOf(url));
        return Attempt.FINAL;
    }

    /** The address, if photos may be fetched from it: a provider's media host, over https (http only on loopback). */
    /**
     * What the log keeps of a photo's address: its host. The path of a resident's MMS or direct-message photo is
     * often enough to fetch it without signing in, and logs outlive a resident's erasure.
     */
    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "an address without a host" : host;
        } catch (IllegalArgumentException e) {
            return "an address that is not one";
        }
    }

    private @Nullable URI allowed(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
        if (host == null || !hosts.contains(host)) {
            log.warn("Photo at {} not fetched: its host is not a provider's media host", hostOf(url));
            return null;
        }
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            log.warn("Photo at {} not fetched: only https is used", hostOf(url));
            return null;
        }
        return uri;
    }
}
