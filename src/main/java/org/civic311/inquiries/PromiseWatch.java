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
 * from the deadline, the agents' supervisor; one past its deadline is broken, alerts the supervisor again, comes back
 * to the agent who took the inquiry as a follow-up (the caller is not left to the department alone), and stays visible
 * until someone calls back. Each alert is raised once; with several instances, each minute is watched by one.
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
            for (Alerted p : alert(
                    "nearing_alerted = :now",
                    "p.nearing_alerted is null and p.deadline > :now and p.deadline <= :soon",
                    now)) {
                events.publishEvent(new CallbackPromiseNearing(
                        p.id(), p.jurisdictionId(), p.reference(), p.personKey(), p.deadline(), p.standIn()));
            }
            for (Alerted p : alert(
                    "at_risk_alerted = :now",
                    "p.at_risk_alerted is null and p.deadline > :now and p.deadline <= :atRisk",
                    now)) {
                events.publishEvent(new CallbackPromiseAtRisk(
                        p.id(), p.jurisdictionId(), p.reference(), p.personKey(), p.promisedBy(), p.deadline()));
            }
            for (Alerted p : alert("state = 'BROKEN', broken_alerted = :now", "p.deadline <= :now", now)) {
                events.publishEvent(new CallbackPromiseBroken(
                        p.id(), p.jurisdictionId(), p.reference(), p.personKey(), p.promisedBy(), p.deadline()));
                Inquiries.comeBack(jdbc, p.inquiryId(), now);
            }
            for (long inquiryId : lapse(now)) {
                Inquiries.settle(jdbc, inquiryId);
                Inquiries.comeBack(jdbc, inquiryId, now);
            }
        });
    }

    /**
     * A caller who left no way to reach them was to call the person back themselves. When they have not by the time
     * a follow-up would be due after the deadline, the promise lapses rather than wait in the person's queue and hold
     * the inquiry escalated for ever, and the inquiry comes back to the agent who took it, to close. Returns the
     * inquiries whose promises lapsed, their rows locked (in order of id) before their promises are changed.
     */
    private List<Long> lapse(Instant now) {
        List<Long> inquiries = jdbc.sql(
                        """
                        select i.id from inquiry i
                        where exists (select 1 from callback_promise p where p.inquiry_id = i.id
                            and p.caller_left_no_contact and p.state = 'PENDING' and p.called_back_at is null
                            and p.withdrawn_at is null and p.deadline <= :lapsed)
                        order by i.id for update""")
                .param("lapsed", Timestamp.from(now.minus(properties.followUpAfter())))
                .query(Long.class)
                .list();
        if (!inquiries.isEmpty()) {
            jdbc.sql(
                            """
                            update callback_promise set withdrawn_at = :now, state = 'WITHDRAWN', recorded_by = 'system',
                                outcome = 'Lapsed: the caller left no way to reach them and did not call'
                            where inquiry_id = any(:inquiries) and caller_left_no_contact and state = 'PENDING'
                                and called_back_at is null and withdrawn_at is null and deadline <= :lapsed""")
                    .param("now", Timestamp.from(now))
                    .param("lapsed", Timestamp.from(now.minus(properties.followUpAfter())))
                    .param("inquiries", inquiries.toArray(Long[]::new))
                    .update();
        }
        return inquiries;
    }

    /** A promise an alert was just raised for. */
    private record Alerted(
            long id,
            long inquiryId,
            String jurisdictionId,
            String reference,
            String personKey,
            String promisedBy,
            Instant deadline,
            @org.jspecify.annotations.Nullable String standIn) {}

    /**
     * Marks the pending promises without a callback that meet {@code when}, and returns them: the mark makes each
     * alert one raised once.
     */
    private List<Alerted> alert(String mark, String when, Instant now) {
        return jdbc.sql("update callback_promise p set " + mark
                        + " from inquiry i where i.id = p.inquiry_id and p.state = 'PENDING' and p.called_back_at is null"
                        // A caller who left no contact calls the person: nothing is owed to them, so nothing breaks.
                        + " and not p.caller_left_no_contact"
                        + " and " + when
                        + " returning p.id, p.inquiry_id, i.jurisdiction_id, i.reference, p.person_key, p.promised_by, p.deadline,"
                        + " p.stand_in")
                .param("now", Timestamp.from(now))
                .param("soon", Timestamp.from(now.plus(properties.nearing())))
                .param("atRisk", Timestamp.from(now.plus(properties.atRisk())))
                .query((rs, n) -> new Alerted(
                        rs.getLong("id"),
                        rs.getLong("inquiry_id"),
                        rs.getString("jurisdiction_id"),
                        rs.getString("reference"),
                        rs.getString("person_key"),
                        rs.getString("promised_by"),
                        rs.getTimestamp("deadline").toInstant(),
                        rs.getString("stand_in")))
                .list();
    }
}
