package org.civic311.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A plain HTTP client for tests that talk to the running application as any client would. */
public final class Http {

    private final HttpClient client;
    private final String base;
    /** Headers sent on every call: a signature, the address a proxy says the client has. */
    private final Map<String, String> headers;

    public Http(int port) {
        this(HttpClient.newHttpClient(), "http://localhost:" + port, Map.of());
    }

    private Http(HttpClient client, String base, Map<String, String> headers) {
        this.client = client;
        this.base = base;
        this.headers = headers;
    }

    /** The same client, sending this header on every call. */
    public Http header(String header, String value) {
        return with(header, value);
    }

    private Http with(String header, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(header, value);
        return new Http(client, base, Map.copyOf(more));
    }

    /**
     * The same client, as if behind the city's load balancer at this address (the application trusts the
     * forwarding headers of proxies on private and loopback addresses, like the tests' own).
     */
    public Http from(String address) {
        return with("X-Forwarded-For", address);
    }

    /**
     * Signs this cookie-keeping client in on the staff sign-in form.
     *
     * @param code the authentication code, for accounts with two-step sign-in, or null
     * @return the form's answer: a redirect to /staff when signed in, to /login?error or /login?locked when not
     */
    public Response signIn(String username, String password, @org.jspecify.annotations.Nullable String code) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                Map.entry("username", username), Map.entry("password", password), Map.entry("_csrf", csrf("/login"))));
        if (code != null) {
            fields.add(Map.entry("code", code));
        }
        return postForm("/login", fields);
    }

    /** A client that keeps its cookies, as a resident's browser does, for forms that carry a CSRF token. */
    public static Http browser(int port) {
        return new Http(
                HttpClient.newBuilder()
                        .cookieHandler(new java.net.CookieManager())
                        .build(),
                "http://localhost:" + port,
                Map.of());
    }

    /** The CSRF token of the form on a page, fetched in this client's session. */
    public String csrf(String page) {
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(get(page).body());
        if (!token.find()) {
            throw new IllegalStateException(page + " has no form with a CSRF token");
        }
        return token.group(1);
    }

    /** The same client, signing every call in with HTTP Basic as this staff member. */
    public Http as(String username, String password) {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return with("Authorization", "Basic " + credentials);
    }

    public Response putJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** A body of any type, as a client that gets it wrong sends it. */
    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public Response postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public int port() {
        return java.net.URI.create(base).getPort();
    }

    public String base() {
        return base;
    }

    /** A response: status, content type and body. */
    public record Response(int status, String contentType, byte[] bytes, java.net.http.HttpHeaders headers) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response options(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A form post; each pair is a name and a value, names may repeat. */
    public Response postForm(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A multipart post: text fields, and files as (field name, bytes). */
    public Response postMultipart(
            String path, List<Map.Entry<String, String>> fields, List<Map.Entry<String, byte[]>> files) {
        String boundary = "civic311-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            int n = 0;
            for (Map.Entry<String, byte[]> file : files) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                                + "\"; filename=\"photo" + (n++) + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(file.getValue());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest unsigned) {
        HttpRequest request = unsigned;
        if (!headers.isEmpty()) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(unsigned, (name, value) -> true);
            headers.forEach(builder::header);
            request = builder.build();
        }
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
