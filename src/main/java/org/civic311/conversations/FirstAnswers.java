package org.civic311.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How soon residents who write to the inbox are answered by a person, by channel: every conversation counts, the
 * questions and complaints never filed as requests as much as the reports. The 911 guidance, sent by itself, is no
 * answer.
 */
@Component
public class FirstAnswers {

    /**
     * One channel's figures.
     *
     * @param medianMinutes from the resident's first message to an agent's first reply, among those answered
     */
    public record ByChannel(
            ConversationChannel channel, int conversations, int answered, @Nullable Long medianMinutes) {}

    private final JdbcClient jdbc;

    FirstAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The conversations whose first message came in the period, by channel. */
    public List<ByChannel> of(String jurisdictionId, Instant from, Instant to) {
        return jdbc.sql(
                        """
                        select c.channel, count(*) as conversations, count(a.answered) as answered,
                            percentile_disc(0.5) within group (order by extract(epoch from a.answered - q.asked))
                                filter (where a.answered is not null) as median
                        from conversation c
                        cross join lateral (
                            select min(m.at) as asked from conversation_message m
                            where m.conversation_id = c.id and m.direction = 'IN' and not m.automatic) q
                        cross join lateral (
                            select min(m.at) as answered from conversation_message m
                            where m.conversation_id = c.id and m.direction = 'OUT' and not m.automatic
                              and m.at >= q.asked) a
                        where c.jurisdiction_id = :j and c.last_message_at >= :from
                          and q.asked >= :from and q.asked < :to
                        group by c.channel order by c.channel""")
                .param("j", jurisdictionId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new ByChannel(
                        ConversationChannel.valueOf(rs.getString("channel")),
                        rs.getInt("conversations"),
                        rs.getInt("answered"),
                        rs.getObject("median") == null ? null : Math.round(rs.getDouble("median") / 60)))
                .list();
    }
}
