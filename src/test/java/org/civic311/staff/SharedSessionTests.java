package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.civic311.Civic311Application;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A staff session lives in PostgreSQL: signed in on one instance, the same cookie works on another instance and on an
 * instance started afterwards; and no form is accepted without its CSRF token.
 */
@Civic311Test
class SharedSessionTests {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path directory;

    final CookieManager cookies = new CookieManager();
    final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    HttpResponse<String> get(int port, String path, String session) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Cookie", "SESSION=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    ConfigurableApplicationContext anotherInstance() {
        return new SpringApplicationBuilder(Civic311Application.class)
                .run(
                        "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(),
                        "--server.port=0",
                        "--civic311.jobs.enabled=false",
                        "--civic311.media.directory=" + directory.resolve("media"));
    }

    static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aSessionStartedOnOneInstanceWorksOnAnotherAndOnOneStartedLater() throws Exception {
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=supervisor&password=civic311-demo&_csrf=" + csrf(login)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.body()).contains("Priya Natarajan");
        String session = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("SESSION"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();

        try (ConfigurableApplicationContext other = anotherInstance()) {
            HttpResponse<String> there = get(portOf(other), "/staff/dashboard", session);
            assertThat(there.statusCode()).isEqualTo(200);
            assertThat(there.body()).contains("Priya Natarajan");
        }
        try (ConfigurableApplicationContext restarted = anotherInstance()) {
            HttpResponse<String> afterRestart = get(portOf(restarted), "/staff/inquiries", session);
            assertThat(afterRestart.statusCode()).isEqualTo(200);
            assertThat(afterRestart.body()).contains("Priya Natarajan");
        }
        // Without a session the same page asks to sign in.
        HttpResponse<String> stranger = get(port, "/staff/inquiries", "not-a-session");
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=agent&password=civic311-demo&_csrf=" + csrf(login)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> forged = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/contacts"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("kind=PHONE_CALL"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        String page = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/contacts"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        HttpResponse<String> genuine = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/contacts"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("kind=PHONE_CALL&_csrf=" + csrf(page)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.uri().getPath()).matches("/staff/contacts/\\d+");
    }
}
