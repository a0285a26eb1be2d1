package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.civic311.Civic311Application;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When PostgreSQL goes away, Civic311 answers 503 with a time to retry (never a 500 or a hang) and says it is not
 * ready, while staying alive; when PostgreSQL comes back, it serves again by itself.
 */
class DatabaseOutageTests {

    @TempDir
    Path directory;

    @Test
    void whileTheDatabaseIsAwayEveryoneIsToldToRetryAndServiceResumesByItselfWhenItReturns() throws Exception {
        int databasePort = Civic311Process.freePort();
        EmbeddedPostgres database = postgres(databasePort);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Civic311Application.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--civic311.jobs.enabled=false",
                        "--civic311.demo.enabled=true",
                        "--civic311.demo.history=false",
                        "--civic311.media.directory=" + directory.resolve("media"),
                        "--logging.level.root=WARN")) {
            Http http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            assertThat(Civic311Process.fileReport(http).status()).isEqualTo(200);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

            database.close();

            Http.Response created = Civic311Process.fileReport(http);
            assertThat(created.status()).as(created.body()).isEqualTo(503);
            assertThat(created.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(created.body()).contains("nothing was saved");
            Http.Response search = http.get("/open311/v2/requests.xml?status=open");
            assertThat(search.status()).isEqualTo(503);
            assertThat(search.body()).contains("<code>503</code>");
            Http.Response page = http.get("/requests/SR-NOT-THERE");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body())
                    .contains("Back in a moment")
                    .contains("call 911")
                    .as("in both the portal's languages, the French marked as French")
                    .containsPattern("<section lang=\"fr\"><h2>De retour dans un instant</h2><p>[^<]*composez le 911");
            Http.Response staff =
                    new Http(http.port()).as("agent", "civic311-demo").get("/api/v1/requests/SR-1");
            assertThat(staff.status()).isEqualTo(503);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(http.get("/actuator/health/liveness").status())
                    .as("alive: restarting the application would not bring the database back")
                    .isEqualTo(200);

            database = postgres(databasePort);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/actuator/health/readiness").status() == 200);
            assertThat(Civic311Process.fileReport(http).status()).isEqualTo(200);
            assertThat(http.get("/open311/v2/requests.json").status()).isEqualTo(200);
        } finally {
            database.close();
        }
    }

    private EmbeddedPostgres postgres(int port) throws IOException {
        // The same data directory each time: the database comes back as it was.
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("pg"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
