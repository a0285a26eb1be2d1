package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff sign in through an OpenID provider when it is configured. The provider here is a real HTTP server speaking the
 * authorization-code flow: it redirects back with a code, answers the token call with an RS256-signed ID token and
 * publishes its key set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OidcSignInTests {

    static final RSAKey KEY = key();
    static final HttpServer PROVIDER = provider();
    static volatile String signedInAs = "supervisor";
    static volatile String nonce = "";
    /** The provider's subject of the user signing in; their name claim is {@link #signedInAs}. */
    static volatile String subject = "sub-supervisor";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        String issuer = "http://127.0.0.1:" + PROVIDER.getAddress().getPort();
        registry.add("civic311.oidc.enabled", () -> "true");
        registry.add("civic311.oidc.client-id", () -> "civic311");
        registry.add("civic311.oidc.client-secret", () -> "s3cret");
        registry.add("civic311.oidc.issuer-uri", () -> issuer);
        registry.add("civic311.oidc.authorization-uri", () -> issuer + "/authorize");
        registry.add("civic311.oidc.token-uri", () -> issuer + "/token");
        registry.add("civic311.oidc.jwk-set-uri", () -> issuer + "/jwks");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop(0);
    }

    HttpResponse<String> signInThroughTheProvider() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .build();
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(login).contains("/oauth2/authorization/oidc").contains("Sign in with the city&#39;s account");
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/oidc"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The account's owner, signed in with its password, links it from their profile: through the provider and back.
     * Returns their profile page after it.
     */
    HttpResponse<String> linkFromTheProfile(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .build();
        String login = get(browser, "/login").body();
        post(browser, "/login", "username=" + username + "&password=civic311-demo&_csrf=" + csrf(login));
        String profile = get(browser, "/staff/profile").body();
        assertThat(profile).contains("Link my city account");
        // Through the provider and back, more redirects than the client follows: the profile says how it ended.
        post(browser, "/staff/profile/city-sign-in", "_csrf=" + csrf(profile));
        return get(browser, "/staff/profile");
    }

    HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(HttpClient browser, String path, String form) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(token.find()).as("a form token on the page").isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void aStaffMemberSignsInThroughTheCitysOpenIdProviderWithTheirAccountsRoles() throws Exception {
        signedInAs = "supervisor";
        subject = "sub-supervisor";
        assertThat(linkFromTheProfile("supervisor").body()).contains("Linked: you may sign in with the city");
        HttpResponse<String> landed = signInThroughTheProvider();
        assertThat(landed.uri().getPath()).startsWith("/staff");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("Priya Natarajan").contains("Dashboard");
    }

    @Test
    void someoneTheProviderKnowsButWithoutAStaffAccountIsRefused() throws Exception {
        signedInAs = "a.stranger";
        subject = "sub-a.stranger";
        HttpResponse<String> landed = signInThroughTheProvider();
        assertThat(landed.uri().getPath()).isEqualTo("/login");
        assertThat(landed.uri().getQuery()).isEqualTo("error");
        assertThat(landed.body()).doesNotContain("Priya Natarajan");
    }

    @Test
    void someoneWhoRenamedThemselvesAtTheProviderIsNotTheAccountOfThatName() throws Exception {
        // Another user of the provider takes the name "admin" there (an editable user name, a reused one) before the
        // administrator ever signed in through it: an account nobody linked is nobody's to take.
        signedInAs = "admin";
        subject = "sub-someone-else";
        HttpResponse<String> first = signInThroughTheProvider();
        assertThat(first.uri().getPath()).isEqualTo("/login");
        assertThat(first.body()).doesNotContain("Alex Chen");
        assertThat(directory.hasOidcIdentity("admin")).isFalse();

        subject = "sub-admin";
        assertThat(linkFromTheProfile("admin").body()).contains("Linked: you may sign in with the city");
        assertThat(signInThroughTheProvider().body()).contains("Alex Chen");

        subject = "sub-someone-else";
        HttpResponse<String> landed = signInThroughTheProvider();

        assertThat(landed.uri().getPath()).isEqualTo("/login");
        assertThat(landed.uri().getQuery()).isEqualTo("error");
        assertThat(landed.body()).doesNotContain("Alex Chen");

        // The provider gave the administrator a new identity: another administrator forgets the old link, and the
        // administrator links the new one.
        accounts.forgetOidcIdentity(directory.find("admin").orElseThrow(), "admin");
        subject = "sub-admin-renewed";
        assertThat(signInThroughTheProvider().uri().getPath()).isEqualTo("/login");
        linkFromTheProfile("admin");
        assertThat(signInThroughTheProvider().body()).contains("Alex Chen");
    }

    @org.springframework.beans.factory.annotation.Autowired
    StaffAccounts accounts;

    @org.springframework.beans.factory.annotation.Autowired
    StaffDirectory directory;

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer provider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/authorize", OidcSignInTests::authorize);
            server.createContext("/token", OidcSignInTests::token);
            server.createContext(
                    "/jwks",
                    exchange -> respond(exchange, 200, "application/json", new JWKSet(KEY.toPublicJWK()).toString()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user is taken as signed in at the provider: straight back to Civic311 with a code. */
    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        nonce = query.getOrDefault("nonce", "");
        String back = query.get("redirect_uri") + "?code=code-for-" + signedInAs + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        respond(exchange, 302, "text/plain", "");
    }

    private static void token(HttpExchange exchange) throws IOException {
        String issuer = "http://127.0.0.1:" + PROVIDER.getAddress().getPort();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic "
                + java.util.Base64.getEncoder().encodeToString("civic311:s3cret".getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            respond(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        try {
            Instant now = Instant.now();
            SignedJWT idToken = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(KEY.getKeyID())
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(issuer)
                            .subject(subject)
                            .audience("civic311")
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plusSeconds(300)))
                            .claim("nonce", nonce)
                            .claim("preferred_username", signedInAs)
                            .build());
            idToken.sign(new RSASSASigner(KEY));
            respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"access_token\":\"at-" + signedInAs + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                            + "\"scope\":\"openid profile email\",\"id_token\":\"" + idToken.serialize() + "\"}");
        } catch (Exception e) {
            respond(exchange, 500, "text/plain", e.toString());
        }
    }

    private static Map<String, String> parse(String query) {
        return Arrays.stream(query.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> a));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
