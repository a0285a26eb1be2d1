package org.civic311.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The contacts module's API: start a contact, say why the caller came, link what was done, wrap it up. */
@Service
public class Contacts {

    static final int MAX_REASON = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;

    Contacts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Starts the clock on a call or walk-in the agent has just taken. */
    public Contact start(String jurisdictionId, ContactKind kind, String agent) {
        return start(jurisdictionId, kind, agent, null);
    }

    /**
     * The same, once for a form's key: the button clicked twice (or the form sent again) answers with the contact the
     * first click started, rather than leaving one that is never wrapped up.
     */
    @Transactional
    public Contact start(String jurisdictionId, ContactKind kind, String agent, @Nullable String submissionKey) {
        Optional<Long> started = jdbc.sql(
                        """
                        insert into contact (jurisdiction_id, kind, agent, started_at, submission_key)
                        values (:j, :kind, :agent, :at, :key)
                        on conflict (agent, submission_key) where submission_key is not null do nothing
                        returning id""")
                .param("j", jurisdictionId)
                .param("kind", kind.name())
                .param("agent", agent)
                .param("at", Timestamp.from(clock.instant()))
                .param("key", submissionKey)
                .query(Long.class)
                .optional();
        long id = started.orElseGet(
                () -> jdbc.sql("select id from contact where agent = :agent and submission_key = :key")
                        .param("agent", agent)
                        .param("key", submissionKey)
                        .query(Long.class)
                        .single());
        return find(jurisdictionId, id);
    }

    /** Records why the caller came and, with their consent only, who they are. */
    @Transactional
    public Contact describe(
            String jurisdictionId,
            long id,
            @Nullable String reason,
            @Nullable String callerName,
            @Nullable String callerPhone,
            boolean consent,
            String agent) {
        Contact contact = ownOpen(jurisdictionId, id, agent);
        String why = PlainText.multiLine(reason);
        if (why != null && why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "is longer than " + MAX_REASON + " characters");
        }
        String name = PlainText.singleLine(callerName);
        if (name != null && name.length() > 200) {
            throw new InvalidInputException("callerName", "is longer than 200 characters");
        }
        String phone = PlainText.singleLine(callerPhone);
        if (phone != null
                && !org.civic311.common.ResidentAddress.PHONE_AS_GIVEN
                        .matcher(phone)
                        .matches()) {
            throw new InvalidInputException("callerPhone", "is not a phone number");
        }
        if (!consent && (name != null || phone != null)) {
            // Kept only with their consent: not dropped silently, which would look as if it were kept.
            throw new InvalidInputException(
                    "consent", "are kept only if the caller agrees: tick the box, or leave their name and number out");
        }
        jdbc.sql(
                        """
                        update contact set reason = :reason, caller_name = :name, caller_phone = :phone,
                            consent = :consent where id = :id""")
                .param("reason", why)
                .param("name", consent ? name : null)
                .param("phone", consent ? phone : null)
                .param("consent", consent)
                .param("id", contact.id())
                .update();
        return find(jurisdictionId, id);
    }

    /** Links a request or inquiry made during the contact; linking twice changes nothing. */
    public boolean link(String jurisdictionId, long id, ContactLink link, String agent) {
        Contact contact = find(jurisdictionId, id);
        if (!contact.agent().equals(agent)) {
            throw new InvalidInputException("contact", "is " + contact.agent() + "'s contact");
        }
        return jdbc.sql("insert into contact_link (contact_id, kind, reference) values (:id, :kind, :reference)"
                                + " on conflict do nothing")
                        .param("id", id)
                        .param("kind", link.kind().name())
                        .param("reference", link.reference())
                        .update()
                > 0;
    }

    /** Ends the contact with its wrap-up code; its duration is fixed from then on. */
    @Transactional
    public Contact wrapUp(String jurisdictionId, long id, WrapUpCode code, @Nullable String note, String agent) {
        Contact contact = ownOpen(jurisdictionId, id, agent);
        String text = PlainText.multiLine(note);
        if (text != null && text.length() > MAX_REASON) {
            throw new InvalidInputException("note", "is longer than " + MAX_REASON + " characters");
        }
        int ended = jdbc.sql(
                        """
                        update contact set ended_at = :at, wrap_up = :code, wrap_up_note = :note
                        where id = :id and ended_at is null""")
                .param("at", Timestamp.from(clock.instant()))
                .param("code", code.name())
                .param("note", text)
                .param("id", contact.id())
                .update();
        if (ended == 0) {
            throw new InvalidInputException("contact", "is already wrapped up");
        }
        return find(jurisdictionId, id);
    }

    public Contact find(String jurisdictionId, long id) {
        return jdbc.sql("select * from contact where id = :id and jurisdiction_id = :j")
                .param("id", id)
                .param("j", jurisdictionId)
                .query((rs, n) -> contact(rs, links(rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("no contact " + id));
    }

    /** An agent's latest contacts, newest first. */
    public List<Contact> recentOf(String jurisdictionId, String agent, int limit) {
        return jdbc.sql("select * from contact where jurisdiction_id = :j and agent = :agent"
                        + " order by started_at desc limit :limit")
                .param("j", jurisdictionId)
                .param("agent", agent)
                .param("limit", limit)
                .query((rs, n) -> contact(rs, links(rs.getLong("id"))))
                .list();
    }

    /** One agent's calls and visits since a moment, whether they are on one now, and the median time each took. */
    public record AgentContacts(String agent, int contacts, boolean onOneNow, @Nullable Long medianSeconds) {}

    /** A contact open longer than this is one left unwrapped, not one the agent is on. */
    static final java.time.Duration FORGOTTEN_AFTER = java.time.Duration.ofHours(12);

    /** Each agent's contacts since the moment, for a supervisor who watches the team's day. */
    public List<AgentContacts> byAgent(String jurisdictionId, Instant from, Instant now) {
        return jdbc.sql(
                        """
                        select agent, count(*) filter (where started_at >= :from),
                            bool_or(ended_at is null and started_at > :recent),
                            percentile_disc(0.5) within group (order by extract(epoch from ended_at - started_at))
                                filter (where ended_at is not null and started_at >= :from)
                        from contact
                        where jurisdiction_id = :j and (started_at >= :from or (ended_at is null and started_at > :recent))
                        group by agent order by agent""")
                .param("j", jurisdictionId)
                .param("from", java.sql.Timestamp.from(from))
                .param("recent", java.sql.Timestamp.from(now.minus(FORGOTTEN_AFTER)))
                .query((rs, row) -> new AgentContacts(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getBoolean(3),
                        rs.getObject(4) == null ? null : Math.round(rs.getDouble(4))))
                .list();
    }

    /** Contacts per local day and kind over a period, with the median time each took (wrapped-up ones). */
    public List<ContactFigures> figures(String jurisdictionId, LocalDate from, LocalDate to, ZoneId zone) {
        return jdbc.sql(
                        """
                        select (started_at at time zone :zone)::date as day, kind, count(*) as contacts,
                            coalesce(percentile_disc(0.5) within group (
                                order by extract(epoch from ended_at - started_at)), 0) as median
                        from contact
                        where jurisdiction_id = :j and started_at >= :from and started_at < :to
                        group by 1, 2 order by 1, 2""")
                .param("zone", zone.getId())
                .param("j", jurisdictionId)
                .param("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> new ContactFigures(
                        rs.getObject("day", LocalDate.class),
                        ContactKind.valueOf(rs.getString("kind")),
                        rs.getInt("contacts"),
                        Math.round(rs.getDouble("median"))))
                .list();
    }

    private Contact ownOpen(String jurisdictionId, long id, String agent) {
        Contact contact = find(jurisdictionId, id);
        if (!contact.agent().equals(agent)) {
            throw new InvalidInputException("contact", "is " + contact.agent() + "'s contact");
        }
        if (!contact.isOpen()) {
            throw new InvalidInputException("contact", "is already wrapped up");
        }
        return contact;
    }

    private List<ContactLink> links(long id) {
        return jdbc.sql("select kind, reference from contact_link where contact_id = :id order by kind, reference")
                .param("id", id)
                .query((rs, n) -> new ContactLink(ContactLink.Kind.valueOf(rs.getString(1)), rs.getString(2)))
                .list();
    }

    private static Contact contact(ResultSet rs, List<ContactLink> links) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        String wrapUp = rs.getString("wrap_up");
        return new Contact(
                rs.getLong("id"),
                rs.getString("jurisdiction_id"),
                ContactKind.valueOf(rs.getString("kind")),
                rs.getString("agent"),
                rs.getString("reason"),
                rs.getString("caller_name"),
                rs.getString("caller_phone"),
                rs.getBoolean("consent"),
                rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(),
                wrapUp == null ? null : WrapUpCode.valueOf(wrapUp),
                rs.getString("wrap_up_note"),
                links);
    }
}
