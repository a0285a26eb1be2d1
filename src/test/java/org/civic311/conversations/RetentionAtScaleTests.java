package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The first retention run after a pause finds more conversations than one statement may name, and lets go of all. */
@Civic311Test
class RetentionAtScaleTests {

    @Autowired
    ResidentRecords records;

    @Autowired
    JdbcClient jdbc;

    @Test
    void moreExpiredConversationsThanAStatementMayNameAreAllLetGoOfInOneRun() {
        int many = 66_000;
        long before = jdbc.sql("select coalesce(max(id), 0) from conversation")
                .query(Long.class)
                .single();
        jdbc.sql(
                        """
                        insert into conversation (jurisdiction_id, channel, thread_key, resident, status, created_at,
                            last_message_at)
                        select 'toronto.ca', 'SMS', 'retention-at-scale-' || n, '+1416555' || lpad(n::text, 6, '0'),
                            'CLOSED', now() - interval '3 years', now() - interval '3 years'
                        from generate_series(1, :many) n""")
                .param("many", many)
                .update();
        try {
            int forgotten = records.anonymiseFinishedBefore(Instant.now().minus(730, ChronoUnit.DAYS));
            assertThat(forgotten).isGreaterThanOrEqualTo(many);
            assertThat(jdbc.sql("select count(*) filter (where resident like '(erased)%'),"
                                    + " count(*) filter (where resident not like '(erased)%')"
                                    + " from conversation where id > :before")
                            .param("before", before)
                            .query((rs, row) -> rs.getInt(1) + " erased, " + rs.getInt(2) + " kept")
                            .single())
                    .isEqualTo(many + " erased, 0 kept");
        } finally {
            jdbc.sql("delete from conversation where id > :before and created_at < now() - interval '2 years'")
                    .param("before", before)
                    .update();
        }
    }
}
