package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.civic311.Civic311Application;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public read API on a real streaming replica: a second PostgreSQL, started as a hot standby from a copy of the
 * primary's files (the embedded binaries have no pg_basebackup), following the primary's write-ahead log.
 */
class ReadReplicaTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void searchesReadTheReplicaWhileFilingAndReadingBackUseThePrimaryAndTheReplicaMayGoAway() throws Exception {
        Path primaryData = directory.resolve("primary");
        Path replicaData = directory.resolve("replica");
        int primaryPort = Civic311Process.freePort();
        int replicaPort = Civic311Process.freePort();
        try (EmbeddedPostgres first = postgres(primaryData, primaryPort)) {
            JdbcClient.create(first.getPostgresDatabase())
                    .sql("create database civic311")
                    .update();
        }
        copy(primaryData, replicaData);
        Files.createFile(replicaData.resolve("standby.signal"));
        Files.writeString(
                replicaData.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres'\nhot_standby = on\n");

        EmbeddedPostgres primary = postgres(primaryData, primaryPort);
        EmbeddedPostgres replica = postgres(replicaData, replicaPort);
        JdbcClient standby = JdbcClient.create(replica.getDatabase("postgres", "civic311"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Civic311Application.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + primaryPort + "/civic311",
                        "--spring.datasource.username=postgres",
                        "--civic311.database.replica.url=jdbc:postgresql://localhost:" + replicaPort + "/civic311",
                        "--civic311.jobs.enabled=false",
                        "--civic311.demo.enabled=true",
                        "--civic311.demo.history=false",
                        "--civic311.media.directory=" + directory.resolve("media"),
                        "--logging.level.root=WARN")) {
            Http http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            assertThat(standby.sql("select pg_is_in_recovery()")
                            .query(Boolean.class)
                            .single())
                    .as("the replica is a standby")
                    .isTrue();

            // With the replica's replay held, a request filed now is on the primary only.
            standby.sql("select pg_wal_replay_pause()").query().singleRow();
            String id = report(http);
            assertThat(http.get("/open311/v2/requests/" + id + ".json").body())
                    .as("the resident reads back their request from the primary at once")
                    .contains(id);
            assertThat(search(http, id))
                    .as("searches read the replica, which has not replayed the request yet")
                    .doesNotContain(id);
            assertThat(openData(http)).as("so does open data").doesNotContain(id);

            standby.sql("select pg_wal_replay_resume()").query().singleRow();
            await().atMost(Duration.ofSeconds(10)).until(() -> search(http, id).contains(id));
            assertThat(openData(http)).contains(id);

            // Without the replica, searches read the primary rather than fail.
            replica.close();
            String later = report(http);
            assertThat(search(http, later)).contains(later);
        } finally {
            replica.close();
            primary.close();
        }
    }

    private static String search(Http http, String id) {
        Http.Response found = http.get("/open311/v2/requests.json?service_request_id=" + id);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.body();
    }

    private static String openData(Http http) {
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto")).toString();
        Http.Response found = http.get("/open-data/requests.csv?from=" + today + "&to=" + today);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.body();
    }

    private static String report(Http http) {
        Http.Response created = Civic311Process.fileReport(http);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = JSON.readTree(created.body()).get(0).get("token").asString();
        return JSON.readTree(http.get("/open311/v2/tokens/" + token + ".json").body())
                .get(0)
                .get("service_request_id")
                .asString();
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** The stopped primary's files, as a base backup would copy them. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.equals("postmaster.pid") || name.equals("postmaster.opts") || name.equals("epg-lock")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        // PostgreSQL refuses a data directory others may read.
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
