package org.civic311.common;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets scheduled work run once per period however many instances share the database: the first instance to insert
 * the (job, period) row does the work, the others see the row and skip it.
 */
@Component
public class PeriodClaims {

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;

    PeriodClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the period of the given length that contains {@code now}; true for exactly one caller. */
    public boolean claim(String job, Instant now, Duration period) {
        long millis = period.toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / millis * millis);
        return jdbc.sql(
                                """
                        insert into period_claim (job, period_start, claimed_by) values (:job, :start, :instance)
                        on conflict do nothing""")
                        .param("job", job)
                        .param("start", Timestamp.from(start))
                        .param("instance", INSTANCE)
                        .update()
                == 1;
    }

    /**
     * Forgets the claims of periods long over: a claim only guards its own period, and each job adds one a period
     * (a minute's job, half a million rows a year).
     */
    public int forgetBefore(Instant before) {
        return jdbc.sql("delete from period_claim where period_start < :before")
                .param("before", Timestamp.from(before))
                .update();
    }
}
