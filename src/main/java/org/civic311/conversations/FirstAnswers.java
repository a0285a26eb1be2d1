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

    /**
     * The conversations begun in the period, by channel: each resident's first message, and the first after each time
     * the conversation was closed (a text months later, from the same number, is a matter of its own and is answered
     * or not on its own), as they arrived.
     */
    public List<ByChannel> of(String jurisdictionId, Instant from, Instant to) {
        return jdbc.sql(
                        """
                        with opening as (
                            select distinct c.id as conversation_id, c.channel, (
                                select min(m.id) from conversation_message m
                                where m.conversation_id = c.id and m.direction = 'IN' and not m.automatic
                                  and m.id > closing.after) as message_id
                            from conversation c
                            -- Its beginning, and each time it was closed: the resident's next message begins a matter.
                            cross join lateral (
                                select 0::bigint as after
                                union all
                                select e.last_message_id from conversation_event e
                                where e.conversation_id = c.id and e.action = 'CLOSED' and e.last_message_id is not null
                            ) closing
                            where c.jurisdiction_id = :j and c.last_message_at >= :from)
                        select o.channel, count(*) as conversations, count(a.answered) as answered,
                            percentile_disc(0.5) within group (order by extract(epoch from a.answered - q.at))
                                filter (where a.answered is not null) as median
                        from opening o
                        join conversation_message q on q.id = o.message_id
                        cross join lateral (
                            select min(m.at) as answered from conversation_message m
                            where m.conversation_id = o.conversation_id and m.direction = 'OUT' and not m.automatic
                              and m.id > q.id) a
                        where q.at >= :from and q.at < :to
                        group by o.channel order by o.channel""")
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
