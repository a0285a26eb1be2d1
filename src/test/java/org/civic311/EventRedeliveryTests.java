package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@Civic311Test
@Import(EventRedeliveryTests.Listener.class)
@TestPropertySource(properties = "civic311.jobs.event-redelivery-after=PT0S")
class EventRedeliveryTests {

    /** An event its listener fails to handle the first time, as a deadlock or a full pool would make it. */
    record Poked(String name) {}

    /** An event handled at once. */
    record Noted(String name) {}

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {

        // Static: the bean itself is a proxy (listeners run asynchronously), whose own fields are not these.
        static final AtomicInteger tries = new AtomicInteger();
        static final List<String> handled = new CopyOnWriteArrayList<>();

        @ApplicationModuleListener
        void on(Noted noted) {
            handled.add(noted.name());
        }

        @ApplicationModuleListener
        void on(Poked poked) {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("deadlock detected");
            }
            handled.add(poked.name());
        }
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventRedelivery redelivery;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anEventHandledMoreThanADayAgoIsForgottenWithWhatItCarriedAndOneHandledTodayIsKept() {
        transaction.executeWithoutResult(status -> events.publishEvent(new Noted("follower old@example.org")));
        transaction.executeWithoutResult(status -> events.publishEvent(new Noted("follower new@example.org")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> completed("old@example.org") && completed("new@example.org"));
        jdbc.sql("update event_publication set completion_date = now() - interval '2 days'"
                        + " where serialized_event like '%old@example.org%'")
                .update();
        jdbc.sql(
                        "insert into period_claim (job, period_start, claimed_by) values ('test-job', now() - interval '3 days',"
                                + " 'test') on conflict do nothing")
                .update();

        redelivery.forget();

        assertThat(rows("old@example.org")).isZero();
        assertThat(rows("new@example.org")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from period_claim where job = 'test-job'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private boolean completed(String text) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :t"
                                + " and completion_date is not null")
                        .param("t", "%" + text + "%")
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private int rows(String text) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :t")
                .param("t", "%" + text + "%")
                .query(Integer.class)
                .single();
    }

    @Test
    void anEventWhoseListenerFailedIsHandedToItAgainWithoutARestart() {
        transaction.executeWithoutResult(status -> events.publishEvent(new Poked("update for a follower")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Listener.tries.get() == 1);
        assertThat(Listener.handled).isEmpty();

        assertThat(redelivery.redeliver()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> Listener.handled.contains("update for a follower"));
        assertThat(Listener.tries.get()).isEqualTo(2);
    }
}
