package org.civic311.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a message to a follower outside email, through each provider's documented API: Twilio's Messages resource
 * for SMS, X's v2 posts endpoint for a reply in a thread, Mastodon's statuses for a reply keeping the thread's
 * visibility. Each returns the provider's id of what it created.
 */
@Component
class ChannelSenders {

    private final ChannelProperties properties;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ChannelSenders(ChannelProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    String sms(String to, String body) throws IOException {
        return sms(to, body, java.util.List.of());
    }

    /** An SMS, or an MMS when it carries photos: Twilio fetches each from its public address. */
    String sms(String to, String body, java.util.List<String> mediaUrls) throws IOException {
        ChannelProperties.Sms sms = properties.sms();
        if (!sms.configured()) {
            throw new IllegalStateException("SMS is not configured (civic311.channels.sms.*)");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", sms.from());
        form.put("Body", body);
        String encoded = form(form)
                + mediaUrls.stream()
                        .map(url -> "&MediaUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8))
                        .collect(Collectors.joining());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(trim(sms.baseUrl()) + "/2010-04-01/Accounts/" + sms.accountSid() + "/Messages.json"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(sms.accountSid(), sms.authToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        return send(request).path("sid").asString();
    }

    String replyOnX(String inReplyTo, String text) throws IOException {
        return replyOnX(inReplyTo, text, java.util.List.of());
    }

    /** A reply on X; its photos are uploaded first (v2 media upload) and attached by their ids. */
    String replyOnX(String inReplyTo, String text, java.util.List<org.civic311.media.MediaStore.MediaFile> photos)
            throws IOException {
        ChannelProperties.X x = properties.x();
        if (x.accessToken() == null) {
            throw new IllegalStateException("X is not configured (civic311.channels.x.access-token)");
        }
        if (inReplyTo.startsWith("dm:")) {
            // A direct message is answered in the direct conversation with its sender.
            HttpRequest request = HttpRequest.newBuilder(URI.create(trim(x.baseUrl()) + "/2/dm_conversations/with/"
                            + URLEncoder.encode(inReplyTo.substring(3), StandardCharsets.UTF_8) + "/messages"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + x.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text))))
                    .build();
            return send(request).path("data").path("dm_event_id").asString();
        }
        java.util.List<String> mediaIds = new java.util.ArrayList<>();
        for (var photo : photos) {
            HttpRequest upload = multipart(
                    URI.create(trim(x.baseUrl()) + "/2/media/upload"),
                    "Bearer " + x.accessToken(),
                    "media",
                    photo,
                    Map.of("media_category", "tweet_image"));
            mediaIds.add(send(upload).path("data").path("id").asString());
        }
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("text", text);
        post.put("reply", Map.of("in_reply_to_tweet_id", inReplyTo));
        if (!mediaIds.isEmpty()) {
            post.put("media", Map.of("media_ids", mediaIds));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(trim(x.baseUrl()) + "/2/tweets"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + x.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(post)))
                .build();
        return send(request).path("data").path("id").asString();
    }

    /**
     * A reply on Mastodon; its photos are uploaded first ({@code POST /api/v2/media}) and attached by their ids. The
     * outbox's key goes as the Idempotency-Key Mastodon honours for an hour: a send retried after a time-out that
     * Mastodon had in fact posted is not posted twice.
     */
    String replyOnMastodon(
            String inReplyTo,
            String text,
            @Nullable String visibility,
            java.util.List<org.civic311.media.MediaStore.MediaFile> photos,
            String idempotencyKey)
            throws IOException {
        ChannelProperties.Mastodon mastodon = properties.mastodon();
        if (mastodon.baseUrl() == null || mastodon.accessToken() == null) {
            throw new IllegalStateException("Mastodon is not configured (civic311.channels.mastodon.*)");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("status", text);
        form.put("in_reply_to_id", inReplyTo);
        form.put("visibility", visibility == null ? "public" : visibility);
        StringBuilder media = new StringBuilder();
        for (var photo : photos) {
            HttpRequest upload = multipart(
                    URI.create(trim(mastodon.baseUrl()) + "/api/v2/media"),
                    "Bearer " + mastodon.accessToken(),
                    "file",
                    photo,
                    Map.of());
            media.append("&media_ids%5B%5D=")
                    .append(URLEncoder.encode(send(upload).path("id").asString(), StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(trim(mastodon.baseUrl()) + "/api/v1/statuses"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + mastodon.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(form(form) + media))
                .build();
        return send(request).path("id").asString();
    }

    /** A multipart/form-data upload of one file, with plain fields beside it. */
    private static HttpRequest multipart(
            URI uri,
            String authorization,
            String field,
            org.civic311.media.MediaStore.MediaFile file,
            Map<String, String> fields)
            throws IOException {
        String boundary = "civic311-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (var entry : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + entry.getKey()
                            + "\"\r\n\r\n" + entry.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + file.file().getFileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(java.nio.file.Files.readAllBytes(file.file()));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private JsonNode send(HttpRequest request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            String answer = request.uri().getHost() + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(300, body.length()));
            throw Undeliverable.permanent(response.statusCode(), body)
                    ? new Undeliverable(answer)
                    : new IOException(answer);
        }
        return json.readTree(response.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }
}
