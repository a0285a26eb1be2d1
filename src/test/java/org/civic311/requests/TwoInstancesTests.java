package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import org.civic311.Civic311Application;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.MutableClock;
import org.civic311.support.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two instances of Civic311 on one database: the service level watch still runs once per period. */
@Civic311ClockTest
class TwoInstancesTests {

    @Autowired
    ServiceRequests requests;

    @Autowired
    ServiceLevelWatch watch;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path directory;

    @Test
    void eachPeriodIsWatchedByOneInstanceAndEachBreachEscalatedOnce() throws Exception {
        clock.set(MutableClockConfiguration.START);
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "TSRO-ROAD-DEBRIS",
                        new Location(43.6534, -79.3841, null, null, null),
                        null,
                        Map.of("DEBRIS_TYPE", List.of("LIQUID"), "BLOCKING_LANE", List.of("NO")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();
        Instant later = ZonedDateTime.of(2026, 11, 19, 9, 0, 0, 0, ZoneId.of("America/Toronto"))
                .toInstant();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(
                        Civic311Application.class, MutableClockConfiguration.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(),
                        "--civic311.jobs.enabled=false",
                        "--civic311.media.directory=" + directory.resolve("media"))) {
            MutableClock secondClock = second.getBean(MutableClock.class);
            ServiceLevelWatch secondWatch = second.getBean(ServiceLevelWatch.class);
            clock.set(later);
            secondClock.set(later);

            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
                await(together);
                return watch.watch();
            });
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> {
                await(together);
                return secondWatch.watch();
            });
            int escalatedByBoth = first.get() + other.get();

            assertThat(escalatedByBoth).isGreaterThanOrEqualTo(1);
            Integer escalations = jdbc.sql(
                            """
                            select count(*) from request_escalation e join service_request r on r.id = e.request_id
                            where r.public_id = :id and e.kind = 'SLA_BREACH'""")
                    .param("id", id)
                    .query(Integer.class)
                    .single();
            assertThat(escalations).isEqualTo(1);
            Integer claims = jdbc.sql(
                            "select count(*) from period_claim where job = 'service-level-watch' and period_start = :p")
                    .param("p", java.sql.Timestamp.from(Instant.ofEpochMilli(later.toEpochMilli() / 60_000 * 60_000)))
                    .query(Integer.class)
                    .single();
            assertThat(claims).isEqualTo(1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
