package org.civic311;

import java.time.Clock;
import java.time.Duration;
import org.civic311.common.PeriodClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the record of events to what is still owed. Hands an event again to the module that failed to handle it (its listener met a deadlock, a full connection pool,
 * a mail server down for a moment): every publication is kept until handled, but without this a failed one waited
 * for the next restart, and a resident's update or a manager's alert with it. Each period one instance does it, and
 * only for publications older than a wait, so that one still being handled is left to finish. An event handled is
 * forgotten a day later: its record carries what it was about (a follower's address, a provider's refusal), which
 * is not kept for ever outside the modules that erase it on time.
 */
@Component
class EventRedelivery {

    static final String JOB = "event-redelivery";
    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    /** How long a handled event's record is kept, for whoever looks into what happened a moment ago. */
    static final Duration HANDLED_KEPT = Duration.ofDays(1);

    /** How long a scheduled job's claim of a period is kept after that period. */
    static final Duration CLAIMS_KEPT = Duration.ofDays(2);

    private final IncompleteEventPublications incomplete;
    private final org.springframework.modulith.events.CompletedEventPublications completed;
    private final PeriodClaims claims;
    private final Clock clock;
    private final Duration period;
    private final Duration after;

    EventRedelivery(
            IncompleteEventPublications incomplete,
            org.springframework.modulith.events.CompletedEventPublications completed,
            PeriodClaims claims,
            Clock clock,
            @Value("${civic311.jobs.event-redelivery-period:PT5M}") Duration period,
            @Value("${civic311.jobs.event-redelivery-after:PT5M}") Duration after) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.claims = claims;
        this.clock = clock;
        this.period = period;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${civic311.jobs.event-redelivery-period:PT5M}", initialDelayString = "PT1M")
    void scheduled() {
        redeliver();
        forget();
    }

    /** Hands the failed publications to their listeners again, unless another instance has this period. */
    boolean redeliver() {
        if (!claims.claim(JOB, clock.instant(), period)) {
            return false;
        }
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(after);
        } catch (RuntimeException e) {
            // A listener failing again stays incomplete for the next period; the job itself must go on.
            log.warn("Handing failed events again: {}", e.getMessage());
        }
        return true;
    }

    /** Forgets events handled more than a day ago, and old periods' claims; any instance may, any number of times. */
    void forget() {
        try {
            completed.deletePublicationsOlderThan(HANDLED_KEPT);
            claims.forgetBefore(clock.instant().minus(CLAIMS_KEPT));
        } catch (RuntimeException e) {
            log.warn("Forgetting handled events and old claims: {}", e.getMessage());
        }
    }
}
