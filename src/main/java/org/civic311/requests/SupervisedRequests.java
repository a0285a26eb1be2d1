package org.civic311.requests;

import java.util.Optional;
import org.civic311.catalog.DirectoryEntryUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Open requests escalated to a person of the directory keep that person in it until they are closed or moved. */
@Component
class SupervisedRequests implements DirectoryEntryUse {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    SupervisedRequests(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<String> stillNeeds(String jurisdictionId, String key) {
        int open = jdbc.sql(
                        """
                        select count(*) from service_request
                        where jurisdiction_id = :j and supervisor_key = :key and not closed""")
                .param("j", jurisdictionId)
                .param("key", key)
                .query(Integer.class)
                .single();
        return open == 0
                ? Optional.empty()
                : Optional.of("supervises " + open + (open == 1 ? " open request" : " open requests"));
    }

    @Override
    public Optional<String> handOver(String jurisdictionId, String from, String to, String actor) {
        int moved = jdbc.sql(
                        """
                        with moved as (
                            update service_request set supervisor_key = :to
                            where jurisdiction_id = :j and supervisor_key = :from and not closed
                            returning id)
                        insert into request_audit (request_id, at, actor, channel, action, detail)
                        select id, :now, :actor, 'console', 'supervisor handed over', :from || ' → ' || :to
                        from moved""")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .param("actor", actor)
                .update();
        return moved == 0 ? Optional.empty() : Optional.of(moved + (moved == 1 ? " open request" : " open requests"));
    }
}
