package org.civic311.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for the SMS, X and Mastodon APIs on the port the test profile points them to. It
 * answers as the providers document and records every call.
 */
public final class TestChannelServer {

    public static final int PORT = 3026;

    /** One call: the path, the Authorization header, the content type, the body and the Idempotency-Key header. */
    public record Call(String path, String authorization, String contentType, String body, String idempotencyKey) {}

    private static HttpServer server;
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final java.util.Map<String, byte[]> PHOTOS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Set<String> UNSUBSCRIBED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> FLAKY =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A photo whose host answers 503 the first {@code failures} times it is asked for, as a media host that is down. */
    public static String photoAfterFailures(String name, byte[] bytes, int failures) {
        String url = photo(name, bytes);
        FLAKY.put("/media/" + name, new java.util.concurrent.atomic.AtomicInteger(failures));
        return url;
    }

    /** Twilio refuses texts to this number from now on, as it does once its owner has texted STOP. */
    public static void unsubscribe(String number) {
        UNSUBSCRIBED.add(java.net.URLEncoder.encode(number, StandardCharsets.UTF_8));
    }

    private static volatile String mastodonNotifications = "[]";

    /** Serves a photo at {@code http://127.0.0.1:3026/media/<name>}, as a provider's media host would. */
    public static String photo(String name, byte[] bytes) {
        PHOTOS.put("/media/" + name, bytes);
        return "http://127.0.0.1:" + PORT + "/media/" + name;
    }

    /** What {@code GET /api/v1/notifications} answers next, as Mastodon documents it. */
    public static void mastodonNotifications(String json) {
        mastodonNotifications = json;
    }

    private TestChannelServer() {}

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            CALLS.add(new Call(
                    path,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body,
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            int status;
            String answer;
            var flaky = FLAKY.get(path);
            if (flaky != null && flaky.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            if (PHOTOS.containsKey(path)) {
                byte[] photo = PHOTOS.get(path);
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, photo.length);
                exchange.getResponseBody().write(photo);
                exchange.close();
                return;
            }
            if (path.equals("/api/v1/notifications")) {
                status = 200;
                answer = mastodonNotifications;
            } else if (path.equals("/2/media/upload")) {
                status = 200;
                answer = "{\"data\":{\"id\":\"71" + CALLS.size() + "\",\"media_key\":\"3_71" + CALLS.size() + "\"}}";
            } else if (path.equals("/api/v2/media")) {
                status = 200;
                answer = "{\"id\":\"72" + CALLS.size() + "\",\"type\":\"image\"}";
            } else if (path.startsWith("/2/dm_conversations/with/")) {
                status = 201;
                answer = "{\"data\":{\"dm_conversation_id\":\"1-2\",\"dm_event_id\":\"19" + CALLS.size() + "\"}}";
            } else if (path.endsWith("/Messages.json")
                    && UNSUBSCRIBED.stream().anyMatch(number -> body.contains("To=" + number))) {
                status = 400;
                answer = "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21610\",\"status\":400}";
            } else if (path.endsWith("/Messages.json")) {
                status = 201;
                answer = "{\"sid\":\"SM" + CALLS.size() + "\",\"status\":\"queued\"}";
            } else if (path.equals("/2/tweets")) {
                status = 201;
                answer = "{\"data\":{\"id\":\"18" + CALLS.size() + "\",\"text\":\"...\"}}";
            } else if (path.equals("/api/v1/statuses")) {
                status = 200;
                answer = "{\"id\":\"11" + CALLS.size() + "\",\"visibility\":\"public\"}";
            } else {
                status = 404;
                answer = "{\"error\":\"not found\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public static List<Call> calls(String path) {
        return CALLS.stream().filter(c -> c.path().equals(path)).toList();
    }
}
