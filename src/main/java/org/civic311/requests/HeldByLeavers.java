package org.civic311.requests;

import org.civic311.staff.StaffAccountDisabled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Open requests held by a colleague whose account is disabled (someone who left), or who moved to another department,
 * go back to their queue, unheld, so that the queue shows them as nobody's rather than as the work of someone who will
 * never do it (or can no longer open it).
 */
@Component
class HeldByLeavers {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    HeldByLeavers(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(StaffAccountDisabled disabled) {
        jdbc.sql(
                        """
                        with released as (
                            update service_request set assignee = null
                            where jurisdiction_id = :j and assignee = :username and not closed
                            returning id)
                        insert into request_audit (request_id, at, actor, channel, action, detail)
                        select id, :now, :by, 'console', 'unassigned', :username || ' left: back to the queue'
                        from released""")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("j", disabled.jurisdictionId())
                .param("username", disabled.username())
                .param("by", disabled.by())
                .update();
    }

    @ApplicationModuleListener
    void on(org.civic311.staff.StaffAccountMoved moved) {
        jdbc.sql(
                        """
                        with released as (
                            update service_request set assignee = null
                            where jurisdiction_id = :j and assignee = :username and department_code = :from
                                and not closed
                            returning id)
                        insert into request_audit (request_id, at, actor, channel, action, detail)
                        select id, :now, :by, 'console', 'unassigned',
                            :username || ' moved to another department: back to the queue'
                        from released""")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("j", moved.jurisdictionId())
                .param("username", moved.username())
                .param("from", moved.from())
                .param("by", moved.by())
                .update();
    }
}
