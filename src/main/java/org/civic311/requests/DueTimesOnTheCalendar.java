package org.civic311.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.civic311.catalog.BusinessCalendarChanged;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.ServiceLevelTarget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts open requests' due times again when the city's calendar changes: a closure entered on the day (a storm, a
 * strike) moves what was due that day past it, rather than leave every one of them to breach; a holiday taken back
 * moves them back. A due time moved by hand, or counted on a target the type no longer has, is left as it is, as is a
 * request already past its due time: a breach is not taken back. Counted before the change commits, under the lock
 * the catalogue takes on the jurisdiction: two closures entered moments apart are counted in the order they were made.
 */
@Component
class DueTimesOnTheCalendar {

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final WorkRepository work;
    private final Clock clock;

    DueTimesOnTheCalendar(JdbcClient jdbc, Catalog catalog, WorkRepository work, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.work = work;
        this.clock = clock;
    }

    private record Open(long id, String serviceCode, Instant from, Instant expectedAt) {}

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BusinessCalendarChanged changed) {
        ZoneId zone = catalog.resolveJurisdiction(changed.jurisdictionId()).timeZone();
        List<Open> open = jdbc.sql(
                        """
                        select id, service_code, coalesce(target_from, requested_at) as counted_from, expected_at
                        from service_request
                        where jurisdiction_id = :j and not closed and channel <> 'IMPORT' and sla_state <> 'BREACHED'
                          and expected_at >= :since and expected_at > :now
                        order by id""")
                .param("j", changed.jurisdictionId())
                .param("since", Timestamp.from(changed.from().atStartOfDay(zone).toInstant()))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Open(
                        rs.getLong("id"),
                        rs.getString("service_code"),
                        rs.getTimestamp("counted_from").toInstant(),
                        rs.getTimestamp("expected_at").toInstant()))
                .list();
        Instant now = clock.instant();
        DateTimeFormatter said = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        for (Open request : open) {
            ServiceLevelTarget target = catalog.serviceType(changed.jurisdictionId(), request.serviceCode())
                    .map(org.civic311.catalog.ServiceType::target)
                    .orElse(null);
            if (target == null
                    || !target.dueFrom(request.from(), zone, changed.before()).equals(request.expectedAt())) {
                continue;
            }
            Instant due = target.dueFrom(request.from(), zone, changed.after());
            if (due.equals(request.expectedAt())) {
                continue;
            }
            // Only if it is still as counted: staff may have moved it since the change.
            int moved = jdbc.sql(
                            """
                            update service_request set expected_at = :due, updated_at = :now,
                                sla_state = case when :due > :now then 'ON_TRACK' else sla_state end
                            where id = :id and expected_at = :was and not closed and sla_state <> 'BREACHED'""")
                    .param("due", Timestamp.from(due))
                    .param("now", Timestamp.from(now))
                    .param("id", request.id())
                    .param("was", Timestamp.from(request.expectedAt()))
                    .update();
            if (moved == 1) {
                work.audit(
                        request.id(),
                        now,
                        Actor.system(),
                        "due day moved",
                        said.format(request.expectedAt()) + " → " + said.format(due) + ": the city's calendar changed ("
                                + changed.actor() + ")");
            }
        }
    }
}
