package org.civic311.inquiries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civic311.common.PeriodClaims;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches callback promises: one near its deadline without a recorded callback alerts its owner, and then, minutes
 * from the deadline, the agents' supervisor; one past its deadline is broken, alerts the supervisor again, and stays
 * visible until someone calls back. Each alert is
 * raised once; with several instances, each minute is watched by one.
 */
@Component
class PromiseWatch {

    static final String JOB = "callback-promise-watch";

    private final JdbcClient jdbc;
    private final PeriodClaims claims;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final InquiryProperties properties;
    private final Clock clock;

    PromiseWatch(
            JdbcClient jdbc,
            PeriodClaims claims,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            InquiryProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.events = events;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${civic311.jobs.promise-period:PT1M}", initialDelayString = "PT25S")
    void scheduled() {
        watch();
    }

    void watch() {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            if (!claims.claim(JOB, now, Duration.ofMinutes(1))) {
                return;
            }
            for (Alerted promise : alert(
                    """
                    update callback_promise p set nearing_alerted = :now
                    from inquiry i where i.id = p.inquiry_id and p.state = 'PENDING' and p.called_back_at is null
                      and p.nearing_alerted is null and p.deadline > :now and p.deadline <= :soon
                    returning p.id, i.jurisdiction_id, i.reference, p.person_key, p.promised_by, p.deadline""",
                    now)) {
                events.publishEvent(new CallbackPromiseNearing(
                        promise.id(),
                        promise.jurisdictionId(),
                        promise.reference(),
                        promise.personKey(),
                        promise.deadline()));
            }
            for (Alerted promise : alert(
                    """
                    update callback_promise p set at_risk_alerted = :now
                    from inquiry i where i.id = p.inquiry_id and p.state = 'PENDING' and p.called_back_at is null
                      and p.at_risk_alerted is null and p.deadline > :now and p.deadline <= :atRisk
                    returning p.id, i.jurisdiction_id, i.reference, p.person_key, p.promised_by, p.deadline""",
                    now)) {
                events.publishEvent(new CallbackPromiseAtRisk(
                        promise.id(),
                        promise.jurisdictionId(),
                        promise.reference(),
                        promise.personKey(),
                        promise.promisedBy(),
                        promise.deadline()));
            }
            for (Alerted promise : alert(
                    """
                    update callback_promise p set state = 'BROKEN', broken_alerted = :now
                    from inquiry i where i.id = p.inquiry_id and p.state = 'PENDING' and p.called_back_at is null
                      and p.deadline <= :now
                    returning p.id, i.jurisdiction_id, i.reference, p.person_key, p.promised_by, p.deadline""",
                    now)) {
                events.publishEvent(new CallbackPromiseBroken(
                        promise.id(),
                        promise.jurisdictionId(),
                        promise.reference(),
                        promise.personKey(),
                        promise.promisedBy(),
                        promise.deadline()));
            }
        });
    }

    /** A promise an alert was just raised for. */
    private record Alerted(
            long id, String jurisdictionId, String reference, String personKey, String promisedBy, Instant deadline) {}

    private List<Alerted> alert(String sql, Instant now) {
        return jdbc.sql(sql)
                .param("now", Timestamp.from(now))
                .param("soon", Timestamp.from(now.plus(properties.nearing())))
                .param("atRisk", Timestamp.from(now.plus(properties.atRisk())))
                .query((rs, n) -> new Alerted(
                        rs.getLong("id"),
                        rs.getString("jurisdiction_id"),
                        rs.getString("reference"),
                        rs.getString("person_key"),
                        rs.getString("promised_by"),
                        rs.getTimestamp("deadline").toInstant()))
                .list();
    }
}
