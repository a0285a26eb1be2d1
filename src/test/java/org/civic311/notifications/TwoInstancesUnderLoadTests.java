package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.civic311.Civic311Application;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Civic311 instances on one PostgreSQL, both taking requests at once: every acknowledged request is stored once,
 * every update reaches each follower once though both instances send the outbox, and a repeat problem reported to
 * both at once is escalated once.
 */
@Civic311Test
class TwoInstancesUnderLoadTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RequestWork work;

    @Autowired
    Outbox outbox;

    @TempDir
    Path directory;

    @Test
    void nothingAcknowledgedIsLostOrDoubledAndEachUpdateAndEscalationHappensOnce() throws Exception {
        TestMailServer.start();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(Civic311Application.class)
                .run(
                        // Arguments, not default properties: they must win over application.properties.
                        "--server.port=0",
                        "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(),
                        "--civic311.jobs.enabled=false",
                        "--civic311.demo.history=false",
                        "--civic311.media.directory=" + directory.resolve("media"),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + TestMailServer.PORT,
                        "--logging.level.root=WARN")) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            List<Http> instances = List.of(new Http(port), new Http(secondPort));

            // Residents file requests through both instances at once.
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            try (ExecutorService residents = Executors.newFixedThreadPool(8)) {
                List<Future<?>> sent = new ArrayList<>();
                for (int n = 0; n < 64; n++) {
                    int i = n;
                    sent.add(residents.submit(() -> {
                        Http.Response created = instances
                                .get(i % 2)
                                .postForm(
                                        "/open311/v2/requests.json",
                                        List.of(
                                                Map.entry("api_key", "demo-key"),
                                                Map.entry("service_code", "SWLMALB-02"),
                                                Map.entry("lat", String.valueOf(43.64 + i * 0.0009)),
                                                Map.entry("long", String.valueOf(-79.42 + i * 0.0007)),
                                                Map.entry("email", "twin-" + i + "@example.org"),
                                                Map.entry("description", "Twin instances load " + i)));
                        assertThat(created.status()).as(created.body()).isEqualTo(200);
                        // A batch service acknowledges with a token, which later gives the tracking number.
                        acknowledged.add(JSON.readTree(created.body())
                                .get(0)
                                .get("token")
                                .asString());
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            }
            assertThat(jdbc.sql(
                                    "select token::text from service_request where description like 'Twin instances load %'")
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrderElementsOf(acknowledged);

            // Each resident confirms the address they typed from the link in their acknowledgement, once it is there,
            // so that updates reach them.
            int reports = acknowledged.size();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql(
                                            """
                                            select count(*) from notification
                                            where recipient like 'twin-%@example.org' and idempotency_key like 'received:%'""")
                                    .query(Integer.class)
                                    .single()
                            == reports);
            jdbc.sql(
                            """
                            update request_follower set confirmed_at = now()
                            where address like 'twin-%@example.org' and confirmed_at is null""")
                    .update();

            // Staff on both instances update them; both instances send the outbox at the same time.
            RequestWork secondWork = second.getBean(RequestWork.class);
            List<String> ids = jdbc.sql(
                            "select public_id from service_request where description like 'Twin instances load %'")
                    .query(String.class)
                    .list();
            try (ExecutorService staff = Executors.newFixedThreadPool(4)) {
                List<Future<?>> updates = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    RequestWork desk = i % 2 == 0 ? work : secondWork;
                    String id = ids.get(i);
                    updates.add(staff.submit(() -> desk.transition(
                            "toronto.ca",
                            id,
                            new Transition("in_progress", "A crew is on its way.", null, null),
                            new Actor("supervisor", "console"))));
                }
                for (Future<?> f : updates) {
                    f.get();
                }
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("select count(*) from notification where recipient like 'twin-%@example.org'")
                                    .query(Integer.class)
                                    .single()
                            == 2 * ids.size());
            Outbox secondOutbox = second.getBean(Outbox.class);
            try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
                Future<?> one = senders.submit(() -> {
                    while (outbox.sendDue() > 0) {}
                });
                Future<?> other = senders.submit(() -> {
                    while (secondOutbox.sendDue() > 0) {}
                });
                one.get();
                other.get();
            }
            for (int i = 0; i < 64; i++) {
                assertThat(TestMailServer.to("twin-" + i + "@example.org"))
                        .as(
                                "mails to twin-%d: %s",
                                i,
                                jdbc.sql("select row_to_json(n)::text from notification n where recipient = :r")
                                        .param("r", "twin-" + i + "@example.org")
                                        .query(String.class)
                                        .list())
                        .as("the acknowledgement and the update, once each")
                        .hasSize(2);
            }

            // A repeat problem reported to both instances at once is escalated once.
            try (ExecutorService residents = Executors.newFixedThreadPool(6)) {
                List<Future<?>> sent = new ArrayList<>();
                for (int n = 0; n < 6; n++) {
                    int i = n;
                    sent.add(residents.submit(() -> assertThat(instances
                                    .get(i % 2)
                                    .postForm(
                                            "/open311/v2/requests.json",
                                            List.of(
                                                    Map.entry("api_key", "demo-key"),
                                                    Map.entry("service_code", "SWLMALB-02"),
                                                    Map.entry("lat", "43.66801"),
                                                    Map.entry("long", "-79.39912"),
                                                    Map.entry("description", "Twin repeat " + i)))
                                    .status())
                            .isEqualTo(200)));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            }
            assertThat(jdbc.sql(
                                    """
                                    select count(*) from request_escalation e join service_request r on r.id = e.request_id
                                    where r.description like 'Twin repeat %' and e.kind = 'REPEAT_PROBLEM'""")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
