package org.civic311.staff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sign-in tries left to each account, client address and pair of them, kept in the database so that every
 * instance takes from one allowance. Each allowance is a bucket of its limit's tries, refilled evenly over the window.
 * Statements commit on their own: a try taken must be seen by a guess sent at the same moment to another instance.
 */
@Component
class SignInAllowances {

    /** An allowance to take a try from: its key, and how many tries it holds in how long. */
    record Limit(String key, int tries, Duration window) {

        double perSecond() {
            return tries / (window.toNanos() / 1e9);
        }
    }

    /** What a bucket holds now: what it held, plus what refilled since, never more than its capacity. */
    private static final String REFILLED =
            "least(excluded.capacity, a.tokens + greatest(0, extract(epoch from excluded.at - a.at)) * excluded.per_second)";

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInAllowances(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Takes a try from each limit's allowance at once, in one statement; gives back those taken when any was
     * empty.
     *
     * @return the keys whose allowance was empty: none when the sign-in may be checked
     */
    Set<String> take(List<Limit> limits) {
        StringBuilder values = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(clock.instant()));
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            values.append(i == 0 ? "" : ", ")
                    .append("(:key%1$d, :capacity%1$d, :rate%1$d, :capacity%1$d - 1, :now, true)".formatted(i));
            params.put("key" + i, limit.key());
            params.put("capacity" + i, (double) limit.tries());
            params.put("rate" + i, limit.perSecond());
        }
        // Rows are locked in the limits' order, the same in every sign-in, so two sign-ins never wait on each other
        // in a circle.
        List<Map<String, Object>> taken = jdbc.sql(
                        """
                        insert into sign_in_allowance as a (key, capacity, per_second, tokens, at, granted)
                        values %s
                        on conflict (key) do update set
                            tokens = case when %s >= 1 then %s - 1 else %s end,
                            granted = %s >= 1,
                            capacity = excluded.capacity,
                            per_second = excluded.per_second,
                            at = excluded.at
                        returning key, granted"""
                                .formatted(values, REFILLED, REFILLED, REFILLED, REFILLED))
                .params(params)
                .query()
                .listOfRows();
        Set<String> empty = new HashSet<>();
        List<String> granted = new java.util.ArrayList<>();
        for (Map<String, Object> row : taken) {
            (Boolean.TRUE.equals(row.get("granted")) ? granted : empty).add((String) row.get("key"));
        }
        if (!empty.isEmpty()) {
            giveBack(granted);
        }
        return empty;
    }

    /** Returns a try taken to each allowance, as for a sign-in that was right, or refused by another limit. */
    void giveBack(List<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.sql("update sign_in_allowance set tokens = least(capacity, tokens + 1) where key = any(:keys)")
                    .param("keys", keys.toArray(String[]::new))
                    .update();
        }
    }

    /** After a sign-in that was right: the account's allowances are full again, the address's try given back. */
    void succeeded(List<String> forgotten, String givenBack) {
        jdbc.sql(
                        """
                        with forgotten as (delete from sign_in_allowance where key = any(:forgotten))
                        update sign_in_allowance set tokens = least(capacity, tokens + 1) where key = :back""")
                .param("forgotten", forgotten.toArray(String[]::new))
                .param("back", givenBack)
                .update();
    }

    /** Forgets the allowances that have refilled: a bucket that is full holds nothing a new one would not. */
    @Scheduled(fixedDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    int forgetFull() {
        return jdbc.sql(
                        """
                        delete from sign_in_allowance
                        where at + make_interval(secs => (capacity - tokens) / per_second) <= :now""")
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
