package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.Civic311Application;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database keeps what it was given across a restart, starts while the context is read, stops when a
 * start fails, and steps aside for an external server.
 */
class RestartTests {

    @TempDir
    Path directory;

    @Test
    void aRestartKeepsTheRequests() {
        Path data = directory.resolve("pg");
        String id;
        try (ConfigurableApplicationContext first = start(data)) {
            id = first.getBean(ServiceRequests.class)
                    .submit(new NewServiceRequest(
                            null,
                            "SWLMALB-02",
                            new Location(null, null, "Queen St W / Spadina Ave", null, null),
                            "Graffiti on the litter bin",
                            Map.of(),
                            java.util.List.of(),
                            List.of(),
                            Reporter.anonymous(),
                            Channel.PHONE,
                            null))
                    .publicId();
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).isFalse();
        try (ConfigurableApplicationContext second = start(data)) {
            assertThat(second.getBean(ServiceRequests.class).find("toronto.ca", id))
                    .hasValueSatisfying(r -> assertThat(r.description()).isEqualTo("Graffiti on the litter bin"));
            // The demo city is loaded once, into the empty database only.
            Integer jurisdictions = second.getBean(JdbcClient.class)
                    .sql("select count(*) from jurisdiction")
                    .query(Integer.class)
                    .single();
            assertThat(jurisdictions).isEqualTo(1);
        }
    }

    @Test
    void anExternalDatabaseUrlStartsNoEmbeddedServer() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("external"))
                        .start();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(Civic311Application.class)
                        .web(WebApplicationType.NONE)
                        .run(
                                "--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                                "--spring.datasource.username=postgres",
                                "--civic311.demo.enabled=true",
                                "--civic311.demo.history=false",
                                "--civic311.media.directory=" + directory.resolve("media"),
                                "--civic311.database.embedded.data-directory=" + directory.resolve("unused"))) {
            assertThat(app.getBeanProvider(EmbeddedPostgres.class).getIfAvailable())
                    .isNull();
            assertThat(Files.exists(directory.resolve("unused"))).isFalse();
            Integer types = app.getBean(JdbcClient.class)
                    .sql("select count(*) from service_type")
                    .query(Integer.class)
                    .single();
            assertThat(types).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void theServerStartedWhileTheContextWasReadIsTheOneInUse() throws Exception {
        try (ConfigurableApplicationContext app = start(directory.resolve("pg"))) {
            EarlyDatabaseStart.Starting starting =
                    app.getBean(EarlyDatabaseStart.BEAN, EarlyDatabaseStart.Starting.class);
            assertThat(app.getBean(EmbeddedPostgres.class)).isSameAs(starting.await());
        }
    }

    @Test
    void aServerStartedOnAnEmptyDatabaseWithoutAskingForTheDemoOpensWithNoAccountAndNoKey() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Civic311Application.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--civic311.database.embedded.data-directory=" + directory.resolve("bare"),
                        "--civic311.database.embedded.port=0",
                        "--civic311.media.directory=" + directory.resolve("media"))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            // The demo's administrator and API key are published in the README: a real server never has them.
            assertThat(jdbc.sql("select count(*) from staff_account")
                            .query(Integer.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from open311_api_key")
                            .query(Integer.class)
                            .single())
                    .isZero();
        }
    }

    @Test
    void aContextThatFailsToStartStopsTheServerStartedForIt() {
        Path data = directory.resolve("pg");
        assertThatThrownBy(() -> start(data, "--civic311.media.max-size=no size at all"))
                .hasStackTraceContaining("max-size");
        assertThat(data.resolve("PG_VERSION")).as("started before the failure").exists();
        assertThat(data.resolve("postmaster.pid")).as("and stopped").doesNotExist();
    }

    private ConfigurableApplicationContext start(Path data, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--civic311.database.embedded.data-directory=" + data,
                "--civic311.database.embedded.port=0",
                "--civic311.demo.enabled=true",
                "--civic311.demo.history=false",
                "--civic311.media.directory=" + directory.resolve("media")));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplicationBuilder(Civic311Application.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }
}
