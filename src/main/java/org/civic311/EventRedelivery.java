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
 * Hands an event again to the module that failed to handle it (its listener met a deadlock, a full connection pool,
 * a mail server down for a moment): every publication is kept until handled, but without this a failed one waited
 * for the next restart, and a resident's update or a manager's alert with it. Each period one instance does it, and
 * only for publications older than a wait, so that one still being handled is left to finish.
 */
@Component
class EventRedelivery {

    static final String JOB = "event-redelivery";
    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final IncompleteEventPublications incomplete;
    private final PeriodClaims claims;
    private final Clock clock;
    private final Duration period;
    private final Duration after;

    EventRedelivery(
            IncompleteEventPublications incomplete,
            PeriodClaims claims,
            Clock clock,
            @Value("${civic311.jobs.event-redelivery-period:PT5M}") Duration period,
            @Value("${civic311.jobs.event-redelivery-after:PT5M}") Duration after) {
        this.incomplete = incomplete;
        this.claims = claims;
        this.clock = clock;
        this.period = period;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${civic311.jobs.event-redelivery-period:PT5M}", initialDelayString = "PT1M")
    void scheduled() {
        redeliver();
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
}
