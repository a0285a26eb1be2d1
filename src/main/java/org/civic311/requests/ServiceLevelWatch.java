package org.civic311.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civic311.common.PeriodClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches service level targets: marks open requests nearing their target, and escalates each breach once to the
 * supervisor who answers for the request. With several instances, each period is watched by one of them.
 */
@Component
class ServiceLevelWatch {

    static final String JOB = "service-level-watch";
    private static final Logger log = LoggerFactory.getLogger(ServiceLevelWatch.class);

    private final WorkRepository work;
    private final PeriodClaims claims;
    private final Breaches breaches;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration period;

    ServiceLevelWatch(
            WorkRepository work,
            PeriodClaims claims,
            Breaches breaches,
            TransactionTemplate transaction,
            Clock clock,
            @Value("${civic311.jobs.service-level-period:PT1M}") Duration period) {
        this.work = work;
        this.claims = claims;
        this.breaches = breaches;
        this.transaction = transaction;
        this.clock = clock;
        this.period = period;
    }

    @Scheduled(fixedDelayString = "${civic311.jobs.service-level-period:PT1M}", initialDelayString = "PT20S")
    void scheduled() {
        watch();
    }

    /** Runs the watch for the current period, unless another instance has; returns the breaches escalated. */
    int watch() {
        Integer escalated = transaction.execute(status -> {
            Instant now = clock.instant();
            if (!claims.claim(JOB, now, period)) {
                return 0;
            }
            int nearing = work.markNearing(now);
            List<ServiceRequest> breached = work.markBreached(now);
            for (ServiceRequest request : breached) {
                breaches.escalate(request, work.supervisorOf(request.id()), now);
            }
            if (nearing + breached.size() > 0) {
                log.info("Service level watch: {} nearing their target, {} breached", nearing, breached.size());
            }
            return breached.size();
        });
        return escalated == null ? 0 : escalated;
    }
}
