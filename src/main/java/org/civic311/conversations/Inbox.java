package org.civic311.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PlainText;
import org.civic311.media.MediaStore;
import org.civic311.media.StoredMedia;
import org.civic311.notifications.Replies;
import org.civic311.triage.Severity;
import org.civic311.triage.Triage;
import org.civic311.triage.TriageResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversations module's API: take in a resident's message from any channel, list and show conversations, let
 * one agent at a time hold a conversation and answer it in its channel.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    static final int MAX_TEXT = 20_000;
    static final int MAX_PHOTOS = 4;
    /** How long "is writing a reply" shows after the agent's last keystroke. */
    static final Duration COMPOSING = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Triage triage;
    private final MediaStore media;
    private final Replies replies;
    private final org.civic311.notifications.OptOuts optOuts;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final java.time.Duration holdFor;

    Inbox(
            JdbcClient jdbc,
            Catalog catalog,
            Triage triage,
            MediaStore media,
            Replies replies,
            org.civic311.notifications.OptOuts optOuts,
            JsonMapper json,
            ApplicationEventPublisher events,
            InboxProperties properties,
            Clock clock) {
        this.optOuts = optOuts;
        this.holdFor = properties.holdFor();
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.triage = triage;
        this.media = media;
        this.replies = replies;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** What came of an incoming message: its conversation, and whether it was new (not a redelivery). */
    public record Received(long conversationId, long messageId, boolean isNew) {}

    /**
     * Takes in a message; the same provider message delivered again adds nothing. The message is triaged, its photos
     * kept without their metadata, and an emergency answered at once with the 911 guidance, before any agent sees it.
     */
    @Transactional
    public Received receive(IncomingMessage message) {
        String jurisdiction =
                catalog.resolveJurisdiction(message.jurisdictionId()).id();
        Optional<Received> known = find(jurisdiction, message.channel(), externalId(message));
        if (known.isPresent()) {
            return known.get();
        }
        // Mail arrives with CRLF line ends; every channel's text is kept with plain newlines.
        String text = PlainText.multiLine(message.text().replace("\r\n", "\n").replace('\r', '\n'));
        text = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        Instant now = clock.instant();
        // What it answers of ours, if anything: a reply (its outbox key), or an update about a request.
        String answeredKey = message.inReplyTo() == null
                ? null
                : replies.keyOfSent(message.channel().replies(), message.inReplyTo())
                        .orElse(null);
        String about = answeredKey == null
                ? null
                : replies.requestOfSent(
                                message.channel().replies(), message.inReplyTo(), message.author(), jurisdiction)
                        .orElse(null);
        long conversation = conversationFor(jurisdiction, message, answeredKey, about, now);
        boolean opens = opensItsConversation(conversation);
        // A machine's answer to our mail (an out-of-office reply to a reply or to an update) is not read for the
        // resident's words, and waits for no one; one that starts a thread of its own (a web form's relay, an alarm
        // panel) is triaged and shown. Neither is ever answered by a machine.
        boolean aside = message.automatic() && (!opens || answeredKey != null);
        if (aside && opens) {
            jdbc.sql("update conversation set status = 'CLOSED' where id = :id")
                    .param("id", conversation)
                    .update();
        }
        TriageResult triaged = aside ? null : assess(jurisdiction, text);
        if (!aside && message.subject() != null && !message.subject().isBlank() && opens) {
            // Later messages of a thread repeat its subject ("Re: Downed power line on Elm"): only the first says it.
            triaged = withSubject(triaged, message.subject(), text);
        }
        Long id = jdbc.sql(
                        """
                        insert into conversation_message (conversation_id, direction, external_id, author, text,
                            masked_text, at, triage, visibility, photos_missing, automatic)
                        values (:c, 'IN', :external, :author, :text, :masked, :at, cast(:triage as jsonb), :visibility,
                            :missing, :automatic)
                        on conflict (conversation_id, direction, external_id) do nothing returning id""")
                .param("c", conversation)
                .param("automatic", message.automatic())
                .param("missing", message.photosMissing())
                .param("external", externalId(message))
                .param("visibility", message.visibility())
                .param("author", limit(message.author(), 320))
                .param("text", text)
                .param("masked", triaged == null ? text : triaged.civility().masked())
                .param("at", Timestamp.from(message.at()))
                .param("triage", triaged == null ? null : json.writeValueAsString(triaged))
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            // Delivered twice at once: the other delivery stored it.
            return find(jurisdiction, message.channel(), externalId(message)).orElseThrow();
        }
        int notKept = keepPhotos(id, message.photos());
        if (notKept > 0) {
            jdbc.sql("update conversation_message set photos_missing = photos_missing + :n where id = :id")
                    .param("n", notKept)
                    .param("id", id)
                    .update();
        }
        if (aside) {
            // Kept in its conversation, which it neither reopens nor brings to the top of the inbox.
            return new Received(conversation, id, true);
        }
        // A message after the conversation was closed starts a new matter: its emergency (or none) and its request
        // are this message's, not those of months ago. The earlier request keeps the conversation in its history.
        jdbc.sql(
                        """
                        update conversation set last_message_at = greatest(last_message_at, :at), status = 'OPEN',
                            language = coalesce(:language, language),
                            emergency = case when status = 'CLOSED' then :emergency
                                             else coalesce(:emergency, emergency) end,
                            abusive = abusive or :abusive,
                            request_public_id = case when status = 'CLOSED' then null else request_public_id end,
                            request_filed_here = status <> 'CLOSED' and request_filed_here
                        where id = :id""")
                .param("at", Timestamp.from(message.at()))
                .param("language", triaged == null ? null : triaged.language())
                .param(
                        "emergency",
                        triaged == null || triaged.emergency() == null
                                ? null
                                : triaged.emergency().name())
                .param("abusive", triaged != null && triaged.civility().abusive())
                .param("id", conversation)
                .update();
        if (about != null && conversation(jurisdiction, conversation).requestPublicId() == null) {
            linkRequest(jurisdiction, conversation, about, false);
        }
        if (triaged != null && triaged.reportsEmergency() && !message.automatic()) {
            answerEmergency(jurisdiction, conversation, id, message, triaged, now);
        }
        return new Received(conversation, id, true);
    }

    /** The conversations of a jurisdiction, newest first, as filtered. */
    public List<Conversation> list(String jurisdictionId, InboxFilter filter, int limit) {
        return list(jurisdictionId, filter, 0, limit);
    }

    /** A page of the conversations the filter picks: {@code limit} of them, after the first {@code from}. */
    public List<Conversation> list(String jurisdictionId, InboxFilter filter, int from, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder(
                """
                select c.*, (select m.masked_text from conversation_message m where m.conversation_id = c.id
                             order by m.direction = 'IN' and not m.automatic desc, m.at desc, m.id desc
                             limit 1) as last_text
                from conversation c where """);
        sql.append(' ').append(where(jurisdictionId, filter, params));
        sql.append(
                filter.oldestFirst()
                        ? " order by c.last_message_at, c.id"
                        : " order by c.last_message_at desc, c.id desc");
        sql.append(" limit :limit offset :from");
        params.put("limit", limit);
        params.put("from", from);
        Instant now = clock.instant();
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> conversation(rs, now, List.of()))
                .list();
    }

    /** How many conversations the filter picks, for the list's pages. */
    public int count(String jurisdictionId, InboxFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from conversation c where " + where(jurisdictionId, filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    private static String where(String jurisdictionId, InboxFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("c.jurisdiction_id = :j");
        params.put("j", jurisdictionId);
        if (filter.channel() != null) {
            sql.append(" and c.channel = :channel");
            params.put("channel", filter.channel().name());
        }
        if (filter.status() != null) {
            sql.append(" and c.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.owner() != null) {
            if (filter.owner().equals("-")) {
                sql.append(" and c.owner is null");
            } else {
                sql.append(" and c.owner = :owner");
                params.put("owner", filter.owner());
            }
        }
        if (filter.language() != null) {
            sql.append(" and c.language = :language");
            params.put("language", filter.language());
        }
        if (filter.emergency() != null) {
            sql.append(filter.emergency() ? " and c.emergency is not null" : " and c.emergency is null");
        }
        if (filter.abusive() != null) {
            sql.append(" and c.abusive = :abusive");
            params.put("abusive", filter.abusive());
        }
        if (filter.words() != null) {
            String words = filter.words();
            sql.append(" and (c.resident ilike :like escape '\\' or c.resident_name ilike :like escape '\\'"
                    + " or c.subject ilike :like escape '\\' or c.request_public_id = :words"
                    + " or exists (select 1 from conversation_request r where r.conversation_id = c.id"
                    + " and r.request_public_id = :words)"
                    + " or exists (select 1 from conversation_message m where m.conversation_id = c.id"
                    + " and m.text ilike :like escape '\\')");
            String digits = words.replaceAll("\\D", "");
            // A phone number as the resident said it ("416 555 0199") finds the texts from +14165550199.
            if (digits.length() >= 7
                    && digits.length() * 2 >= words.replaceAll("\\s", "").length()) {
                sql.append(" or (c.channel = 'SMS' and phone_key(c.resident) = :digits)");
                params.put("digits", org.civic311.common.ResidentAddress.phoneKey(words));
            }
            sql.append(")");
            params.put("words", words);
            params.put(
                    "like",
                    "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return sql.toString();
    }

    public Conversation conversation(String jurisdictionId, long id) {
        Instant now = clock.instant();
        return jdbc.sql(
                        """
                        select c.*, null as last_text from conversation c where c.id = :id and c.jurisdiction_id = :j""")
                .param("id", id)
                .param("j", jurisdictionId)
                .query((rs, n) -> conversation(rs, now, messages(rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("no conversation " + id));
    }

    /** The conversations linked to a request, the one it was filed from first: where its residents wrote from. */
    public List<Conversation> conversationsAbout(String jurisdictionId, String publicId) {
        Instant now = clock.instant();
        return jdbc.sql(
                        """
                        select r.request_public_id, r.filed_here as request_filed_here, c.*, null as last_text
                        from conversation_request r join conversation c on c.id = r.conversation_id
                        where c.jurisdiction_id = :j and r.request_public_id = :p
                        order by r.filed_here desc, c.created_at limit 50""")
                .param("j", jurisdictionId)
                .param("p", publicId)
                .query((rs, n) -> conversation(rs, now, List.of()))
                .list();
    }

    /**
     * The service requests made from this resident's earlier matters in the same channel, newest first: their other
     * conversations', and this one's before it was last closed.
     */
    public List<String> earlierRequests(String jurisdictionId, long conversationId) {
        Conversation conversation = conversation(jurisdictionId, conversationId);
        return jdbc.sql(
                        """
                        select r.request_public_id from conversation_request r
                        join conversation c on c.id = r.conversation_id
                        where c.jurisdiction_id = :j and c.channel = :channel and c.resident = :resident
                          and r.request_public_id is distinct from :current
                        group by r.request_public_id order by max(r.linked_at) desc limit 20""")
                .param("j", jurisdictionId)
                .param("channel", conversation.channel().name())
                .param("resident", conversation.resident())
                .param("current", conversation.requestPublicId())
                .query(String.class)
                .list();
    }

    /**
     * Gives the conversation to the agent, unless a colleague holds it.
     *
     * @throws InvalidInputException naming who holds it
     */
    @Transactional
    public void claim(String jurisdictionId, long id, String agent) {
        String before = lock(jurisdictionId, id).owner();
        Instant now = clock.instant();
        // Held by a colleague, it is theirs, unless the resident has waited for an answer longer than a hold lasts
        // (the colleague is off, or busy elsewhere): then any agent may take it, rather than only a supervisor. The
        // wait counts from the resident's first message still unanswered: writing again ("hello?") does not give
        // the colleague who went home a longer hold.
        int claimed = jdbc.sql(
                        """
                        update conversation c set owner = :agent, claimed_at = :now, composing_by = null,
                            composing_until = null
                        where c.id = :id and c.jurisdiction_id = :j
                          and (c.owner is null or c.owner = :agent
                               or (c.status = 'OPEN' and c.claimed_at < :stale and %s < :stale))"""
                                .formatted(WAITING_SINCE))
                .param("agent", agent)
                .param("now", Timestamp.from(now))
                .param("stale", Timestamp.from(now.minus(holdFor)))
                .param("id", id)
                .param("j", jurisdictionId)
                .update();
        if (claimed == 0) {
            Conversation conversation = conversation(jurisdictionId, id);
            throw new InvalidInputException(
                    "owner",
                    "the conversation is held by " + conversation.owner() + "; it is free to take once the resident"
                            + " has waited " + holdFor.toHours() + " hours for an answer");
        }
        if (!agent.equals(before)) {
            record(id, agent, ConversationEvent.Action.CLAIMED, before);
        }
    }

    /**
     * Since when the resident has waited for an answer: their first message still unanswered, so that writing again
     * ("hello?") neither resets their wait nor sends them to the back of the queue. (Reopened by a reply that never
     * arrived, nothing is unanswered: they have waited since their last message.)
     */
    static final String WAITING_SINCE =
            """
            coalesce(
                (select min(m.at) from conversation_message m
                 where m.conversation_id = c.id and m.direction = 'IN' and not m.automatic
                   and m.id > coalesce((select max(o.id) from conversation_message o
                                        where o.conversation_id = c.id
                                          and o.direction = 'OUT' and not o.automatic), 0)),
                c.last_message_at)""";

    /**
     * How many residents wait for an answer that nobody has taken, since when the longest has, and how many of them
     * wrote of an emergency; and how many more wait on a colleague who holds their conversation, longer than
     * {@link #HELD_WAIT} (a resident who wrote back after the answer, to an agent gone home).
     */
    public record Waiting(int count, @Nullable Instant oldest, int emergencies, int heldWaiting) {}

    /** How many open conversations each agent holds: a supervisor's view of who is working what. */
    public Map<String, Integer> heldBy(String jurisdictionId) {
        Map<String, Integer> held = new java.util.TreeMap<>();
        jdbc.sql(
                        """
                        select owner, count(*) from conversation
                        where jurisdiction_id = :j and status <> 'CLOSED' and owner is not null group by owner""")
                .param("j", jurisdictionId)
                .query(rs -> {
                    held.put(rs.getString(1), rs.getInt(2));
                });
        return held;
    }

    /** How long a resident waits on the colleague who holds their conversation before supervisors are told. */
    public static final Duration HELD_WAIT = Duration.ofMinutes(30);

    public Waiting waiting(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select count(*) filter (where c.owner is null), min(w.since) filter (where c.owner is null),
                            count(*) filter (where c.owner is null and c.emergency is not null),
                            count(*) filter (where c.owner is not null and w.since < :held)
                        from conversation c cross join lateral (select %s as since) w
                        where c.jurisdiction_id = :j and c.status = 'OPEN'"""
                                .formatted(WAITING_SINCE))
                .param("j", jurisdictionId)
                .param("held", Timestamp.from(clock.instant().minus(HELD_WAIT)))
                .query((rs, row) -> new Waiting(
                        rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getInt(3),
                        rs.getInt(4)))
                .single();
    }

    /**
     * Gives the agent the conversation waiting longest that nobody holds, or that a colleague holds past the hold (as
     * {@link #claim} would), as a queue does, an emergency before any other (its 911 guidance may not have reached the
     * resident, or not sufficed): two agents asking at once get two conversations, never the same one. Empty when none
     * is waiting.
     */
    @Transactional
    public java.util.Optional<Long> claimNext(String jurisdictionId, String agent) {
        Instant now = clock.instant();
        record Taken(long id, @Nullable String before) {}
        java.util.Optional<Taken> next = jdbc.sql(
                        """
                        with chosen as (
                            select c.id, c.owner from conversation c
                            where c.jurisdiction_id = :j and c.status = 'OPEN'
                              and (c.owner is null or (c.claimed_at < :stale and %s < :stale))
                            order by c.emergency is null, %s, c.id
                            limit 1 for update skip locked)
                        update conversation c set owner = :agent, claimed_at = :now, composing_by = null,
                            composing_until = null
                        from chosen where c.id = chosen.id
                        returning c.id, chosen.owner"""
                                .formatted(WAITING_SINCE, WAITING_SINCE))
                .param("agent", agent)
                .param("now", Timestamp.from(now))
                .param("stale", Timestamp.from(now.minus(holdFor)))
                .param("j", jurisdictionId)
                .query((rs, row) -> new Taken(rs.getLong(1), rs.getString(2)))
                .optional();
        next.ifPresent(taken -> record(taken.id(), agent, ConversationEvent.Action.CLAIMED, taken.before()));
        return next.map(Taken::id);
    }

    /**
     * Lets go of every conversation the agent holds, as they sign out: a resident who writes back after their answer
     * is taken by whoever is on, not kept for the agent until the hold runs out.
     */
    @Transactional
    public void releaseAll(String agent) {
        jdbc.sql(
                        """
                        update conversation set owner = null, claimed_at = null, composing_by = null,
                            composing_until = null
                        where owner = :agent and status <> 'CLOSED'
                        returning id""")
                .param("agent", agent)
                .query(Long.class)
                .list()
                .forEach(id -> record(id, agent, ConversationEvent.Action.RELEASED, "signed out"));
    }

    /**
     * A supervisor takes a conversation over from the colleague who holds it (away, gone home, stuck), to answer it or
     * let it go for another agent.
     */
    @Transactional
    public void takeOver(String jurisdictionId, long id, String supervisor) {
        String before = handTo(jurisdictionId, id, supervisor);
        if (!supervisor.equals(before)) {
            record(id, supervisor, ConversationEvent.Action.TAKEN_OVER, before);
        }
    }

    /**
     * A supervisor gives a conversation to a named agent, whoever held it (one who writes French, one who knows the
     * case): it is theirs to answer, and its history says who gave it.
     */
    @Transactional
    public void give(String jurisdictionId, long id, String supervisor, String agent) {
        String before = handTo(jurisdictionId, id, agent);
        if (!agent.equals(before)) {
            record(id, supervisor, ConversationEvent.Action.GIVEN, agent);
        }
    }

    /** Makes the conversation the agent's, whoever held it; answers who did. A closed one is nobody's to hold. */
    private @Nullable String handTo(String jurisdictionId, long id, String agent) {
        String before = lock(jurisdictionId, id).owner();
        int handed = jdbc.sql(
                        """
                        update conversation set owner = :agent, claimed_at = :now, composing_by = null,
                            composing_until = null
                        where id = :id and jurisdiction_id = :j and status <> 'CLOSED'""")
                .param("agent", agent)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("j", jurisdictionId)
                .update();
        if (handed == 0) {
            throw new InvalidInputException("status", "the conversation is closed: nobody holds it");
        }
        return before;
    }

    /**
     * The resident's messages since the conversation was last closed: what they are writing about now, in a thread
     * that may be years old (an SMS thread is the phone number).
     */
    public List<ConversationMessage> sinceLastClosed(Conversation conversation) {
        // The last closing not undone by the system reopening the conversation, by the messages it had then.
        long closedAfter = jdbc.sql(
                        """
                        select coalesce(max(e.last_message_id), 0) from conversation_event e
                        where e.conversation_id = :id and e.action = 'CLOSED'
                          and not exists (select 1 from conversation_event r where r.conversation_id = e.conversation_id
                                          and r.action = 'REOPENED' and r.id > e.id)""")
                .param("id", conversation.id())
                .query(Long.class)
                .single();
        return conversation.messages().stream()
                .filter(m -> m.direction() == ConversationMessage.Direction.IN && !m.automatic())
                .filter(m -> m.id() > closedAfter)
                .toList();
    }

    /** Who held, took over, let go of and closed the conversation, oldest first. */
    public List<ConversationEvent> history(long id) {
        return jdbc.sql(
                        "select at, actor, action, detail from conversation_event where conversation_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> new ConversationEvent(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        ConversationEvent.Action.valueOf(rs.getString("action")),
                        rs.getString("detail")))
                .list();
    }

    private void record(long id, String actor, ConversationEvent.Action action, @Nullable String detail) {
        jdbc.sql(
                        """
                        insert into conversation_event (conversation_id, at, actor, action, detail, last_message_id)
                        values (:id, :at, :actor, :action, :detail,
                                (select max(m.id) from conversation_message m where m.conversation_id = :id))""")
                .param("id", id)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("action", action.name())
                .param("detail", detail)
                .update();
    }

    /** A colleague who left lets go of what they held: their conversations wait in the inbox for someone else. */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(org.civic311.staff.StaffAccountDisabled disabled) {
        jdbc.sql(
                        """
                        update conversation set owner = null, claimed_at = null, composing_by = null,
                            composing_until = null
                        where jurisdiction_id = :j and owner = :agent""")
                .param("j", disabled.jurisdictionId())
                .param("agent", disabled.username())
                .update();
    }

    /**
     * A reply that never reached the resident (their number unsubscribed, their post deleted) leaves the conversation
     * unanswered: it is open again, in the inbox, and the reply shows why.
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(org.civic311.notifications.MessageUndeliverable undeliverable) {
        // Answered or closed since (closing right after a reply is the quick answer's way): open again, unless a
        // later reply of the conversation went out in its stead.
        jdbc.sql(
                        """
                        update conversation c set status = 'OPEN'
                        from conversation_message failed
                        where failed.outbox_key = :key and failed.direction = 'OUT' and c.id = failed.conversation_id
                          and c.status in ('ANSWERED', 'CLOSED')
                          and not exists (select 1 from conversation_message later
                                          where later.conversation_id = c.id and later.direction = 'OUT'
                                            and later.id > failed.id)
                        returning c.id""")
                .param("key", undeliverable.key())
                .query(Long.class)
                .list()
                .forEach(id -> record(id, "system", ConversationEvent.Action.REOPENED, "a reply was not delivered"));
    }

    /** Lets the conversation go, so that a colleague can take it. */
    @Transactional
    public void release(String jurisdictionId, long id, String agent) {
        int released = jdbc.sql(
                        """
                        update conversation set owner = null, claimed_at = null, composing_by = null,
                            composing_until = null
                        where id = :id and jurisdiction_id = :j and owner = :agent""")
                .param("id", id)
                .param("j", jurisdictionId)
                .param("agent", agent)
                .update();
        if (released == 1) {
            record(id, agent, ConversationEvent.Action.RELEASED, null);
        }
    }

    /** Tells colleagues that the owner is writing a reply; it shows for a minute after the last keystroke. */
    public void composing(String jurisdictionId, long id, String agent) {
        jdbc.sql(
                        """
                        update conversation set composing_by = :agent, composing_until = :until
                        where id = :id and jurisdiction_id = :j and owner = :agent""")
                .param("agent", agent)
                .param("until", Timestamp.from(clock.instant().plus(COMPOSING)))
                .param("id", id)
                .param("j", jurisdictionId)
                .update();
    }

    /**
     * Answers the conversation's latest message in its channel, signed. Only the conversation's owner replies, a
     * message is answered once, a reply must fit the channel, and abusive words are never posted back.
     *
     * @param signOff how the agent signs ("^Sam R."), from their profile
     * @throws InvalidInputException naming what is wrong with the reply
     */
    @Transactional
    public ConversationMessage reply(String jurisdictionId, long id, String agent, String text, String signOff) {
        return reply(jurisdictionId, id, agent, new Reply(text, signOff, List.of(), null, null));
    }

    /**
     * What an agent sends from the conversation's page.
     *
     * @param photos stored in the media store already, without their metadata: uploaded to X and Mastodon, linked in
     *     an MMS, attached to an email
     * @param further the key of the form that sends a further message once the latest is answered; null for the
     *     answer itself
     * @param seen the resident's latest message when the page was opened; a reply is refused when they have written
     *     again since, so that nobody answers a message they have not read (null: not checked)
     */
    public record Reply(
            String text, String signOff, List<StoredMedia> photos, @Nullable String further, @Nullable Long seen) {}

    /**
     * A reply, or, once the resident's latest message is answered, a further message in the same thread (the
     * tracking number of a request filed after the answer), sent once for the form it came from.
     */
    @Transactional
    public ConversationMessage reply(String jurisdictionId, long id, String agent, Reply reply) {
        String text = reply.text();
        String signOff = reply.signOff();
        List<StoredMedia> photos = reply.photos();
        String further = reply.further();
        if (further != null && org.civic311.common.FormKeys.of(further) == null) {
            throw new InvalidInputException("further", "is not a key this page gave out");
        }
        if (photos.size() > MAX_PHOTOS) {
            throw new InvalidInputException("photo", "at most " + MAX_PHOTOS + " photos go with a reply");
        }
        Conversation conversation = lock(jurisdictionId, id);
        if (!agent.equals(conversation.owner())) {
            throw new InvalidInputException(
                    "owner",
                    conversation.owner() == null
                            ? "take the conversation before replying"
                            : "the conversation is held by " + conversation.owner());
        }
        String body = PlainText.multiLine(text);
        if (body == null) {
            throw new InvalidInputException("text", "is required");
        }
        String unfinished = PlainText.unfinished(body);
        if (unfinished != null) {
            throw new InvalidInputException("text", unfinished);
        }
        if (conversation.channel() == ConversationChannel.SMS && optOuts.stopped(conversation.resident())) {
            throw new InvalidInputException(
                    "text",
                    "this number texted STOP: no text message goes to it until it texts START; answer another way");
        }
        if (triage.screen(body).civility().abusive()) {
            throw new InvalidInputException("text", "contains abusive words, which are never posted");
        }
        ConversationMessage answered = latestIncoming(conversation)
                .orElseThrow(() -> new InvalidInputException("message", "there is nothing to answer"));
        if (!photos.isEmpty() && conversation.channel() == ConversationChannel.X && conversation.isDirect(answered)) {
            // X's direct messages take no photo uploaded as a post's are: refused, rather than sent without it.
            throw new InvalidInputException(
                    "photo", "photos cannot go with a direct message on X; send the reply without them");
        }
        unseen(answered, reply.seen());
        String whole = compose(conversation, answered, body, signOff);
        Replies.Length length = Replies.length(conversation.channel().replies(), whole);
        if (!length.fits()) {
            throw new InvalidInputException(
                    "text",
                    "is " + length.used() + " " + length.unit() + " with the signature; " + conversation.channel()
                            + " takes " + length.limit());
        }
        ConversationMessage sent =
                send(conversation, answered, whole, agent, false, photos, conversation.isAnswered() ? further : null);
        events.publishEvent(new ConversationReplied(
                jurisdictionId,
                conversation.id(),
                conversation.requestPublicId(),
                conversation.requestFiledHere(),
                conversation.channel(),
                agent,
                sent.at()));
        return sent;
    }

    /** The reply as it will go out: addressed as the channel needs, and signed. */
    public String compose(Conversation conversation, ConversationMessage answered, String body, String signOff) {
        return switch (conversation.channel()) {
            case FEDIVERSE -> "@" + answered.author() + " " + body + " " + signOff;
            case X -> body + " " + signOff;
            // A letter is signed as the city's own mail is: the person, then the service they write for.
            case EMAIL ->
                body + "\n\n" + signOff.substring(1) + "\n"
                        + catalog.resolveJurisdiction(conversation.jurisdictionId())
                                .name() + " 311";
            case SMS -> body + " " + signOff;
        };
    }

    /**
     * Links the conversation to the service request made from it (or that it is about).
     *
     * @param filedHere whether the request was filed from this conversation's message
     */
    public void linkRequest(String jurisdictionId, long id, String publicId, boolean filedHere) {
        int linked = jdbc.sql(
                        """
                        update conversation set request_public_id = :p,
                            -- Linked again (an answer to its update), a request filed from here stays filed here.
                            request_filed_here = :filed or exists (
                                select 1 from conversation_request r
                                where r.conversation_id = :id and r.request_public_id = :p and r.filed_here)
                        where id = :id and jurisdiction_id = :j""")
                .param("p", publicId)
                .param("filed", filedHere)
                .param("id", id)
                .param("j", jurisdictionId)
                .update();
        if (linked == 0) {
            throw new NotFoundException("no conversation " + id);
        }
        jdbc.sql(
                        """
                        insert into conversation_request (conversation_id, request_public_id, filed_here, linked_at)
                        values (:id, :p, :filed, :at)
                        on conflict (conversation_id, request_public_id) do update
                            set filed_here = conversation_request.filed_here or excluded.filed_here""")
                .param("id", id)
                .param("p", publicId)
                .param("filed", filedHere)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Closes the conversation, under its lock: refused when a colleague holds it, or when the resident has written
     * again since the agent's page showed their latest message ({@code seen}; null: not checked).
     */
    @Transactional
    public void close(String jurisdictionId, long id, String agent, @Nullable Long seen) {
        Conversation conversation = lock(jurisdictionId, id);
        if (conversation.owner() != null && !conversation.owner().equals(agent)) {
            throw new InvalidInputException("owner", "the conversation is held by " + conversation.owner());
        }
        latestIncoming(conversation).ifPresent(latest -> unseen(latest, seen));
        jdbc.sql("update conversation set status = 'CLOSED', owner = null, composing_by = null where id = :id")
                .param("id", id)
                .update();
        if (conversation.status() != ConversationStatus.CLOSED) {
            record(
                    id,
                    agent,
                    ConversationEvent.Action.CLOSED,
                    conversation.status().name());
        }
    }

    /** Refuses an act on a conversation whose resident wrote again after the agent's page was made. */
    private static void unseen(ConversationMessage latest, @Nullable Long seen) {
        if (seen != null && latest.id() > seen) {
            throw new InvalidInputException(
                    "message", "the resident wrote again since this page was opened: read their new message first");
        }
    }

    /** The latest message the resident wrote: what a reply answers. */
    public Optional<ConversationMessage> latestIncoming(Conversation conversation) {
        List<ConversationMessage> messages =
                conversation.messages().isEmpty() ? messages(conversation.id()) : conversation.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).direction() == ConversationMessage.Direction.IN
                    && !messages.get(i).automatic()) {
                return Optional.of(messages.get(i));
            }
        }
        return Optional.empty();
    }

    private ConversationMessage send(
            Conversation conversation,
            ConversationMessage answered,
            String text,
            String author,
            boolean automatic,
            List<StoredMedia> photos,
            @Nullable String further) {
        String key = "conversation-" + conversation.id() + "-reply-" + answered.id() + (automatic ? "-911" : "")
                + (further != null ? "-further-" + further : "");
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql(
                            """
                            insert into conversation_message (conversation_id, direction, external_id, author, text,
                                masked_text, at, reply_to, outbox_key, automatic, further)
                            values (:c, 'OUT', :external, :author, :text, :text, :at, :replyTo, :key, :automatic,
                                :further)
                            returning id""")
                    .param("c", conversation.id())
                    .param(
                            "external",
                            conversation.channel() == ConversationChannel.EMAIL ? Replies.emailMessageId(key) : null)
                    .param("author", author)
                    .param("text", text)
                    .param("at", Timestamp.from(now))
                    .param("replyTo", answered.id())
                    .param("key", key)
                    .param("automatic", automatic)
                    .param("further", further != null)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException(
                    "message",
                    further != null
                            ? "this further message was already sent"
                            : "this message has already been answered");
        }
        replies.queue(
                key,
                conversation.channel().replies(),
                conversation.replyAddress(answered),
                text,
                conversation.channel() == ConversationChannel.EMAIL ? replySubject(conversation) : null,
                conversation.replyVisibility(answered),
                conversation.channel() == ConversationChannel.EMAIL ? answered.externalId() : null,
                conversation.language() == null ? "en" : conversation.language(),
                photos.stream().map(StoredMedia::path).toList());
        int position = 0;
        for (StoredMedia photo : photos) {
            jdbc.sql(
                            """
                            insert into conversation_media (message_id, position, path, content_type)
                            values (:m, :p, :path, :type)""")
                    .param("m", id)
                    .param("p", position++)
                    .param("path", photo.path())
                    .param("type", photo.contentType())
                    .update();
        }
        if (!automatic) {
            jdbc.sql(
                            """
                            update conversation set status = 'ANSWERED', composing_by = null, composing_until = null
                            where id = :id""")
                    .param("id", conversation.id())
                    .update();
        }
        return messages(conversation.id()).stream()
                .filter(m -> m.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private void answerEmergency(
            String jurisdiction,
            long conversationId,
            long messageId,
            IncomingMessage message,
            TriageResult triaged,
            Instant now) {
        Conversation conversation = conversation(jurisdiction, conversationId);
        ConversationMessage answered = conversation.messages().stream()
                .filter(m -> m.id() == messageId)
                .findFirst()
                .orElseThrow();
        String guidance = triaged.guidance() == null ? Triage.guidance(triaged.language()) : triaged.guidance();
        // Mastodon tells only the accounts a post mentions; X refuses a post that repeats an earlier one word for
        // word, and the guidance is the same each time: naming whom it answers makes each its own.
        boolean publicOnX = conversation.channel() == ConversationChannel.X && !conversation.isDirect(answered);
        String text = conversation.channel() == ConversationChannel.FEDIVERSE || publicOnX
                ? "@" + message.author() + " " + guidance
                : guidance;
        send(conversation, answered, text, "Civic311", true, List.of(), null);
        log.info(
                "Emergency ({}) in conversation {}: the 911 guidance went out at once",
                triaged.emergency(),
                conversationId);
    }

    private boolean opensItsConversation(long conversation) {
        return !jdbc.sql("select exists (select 1 from conversation_message where conversation_id = :c)")
                .param("c", conversation)
                .query(Boolean.class)
                .single();
    }

    /**
     * A mail's subject may say what matters most ("Gas smell at 12 Elm", and nothing below): an emergency or abuse in
     * the subject counts as in the message. The body's own findings stand for the rest.
     */
    private @Nullable TriageResult withSubject(@Nullable TriageResult body, @Nullable String subject, String text) {
        String heading = PlainText.singleLine(subject);
        if (heading == null || heading.isBlank()) {
            return body;
        }
        Triage.Screening screened = triage.screen(heading);
        boolean emergency = body != null && body.reportsEmergency();
        if ((emergency || screened.emergency() == null) && !screened.civility().abusive()) {
            return body;
        }
        TriageResult.Civility civility =
                body == null ? new TriageResult.Civility(Severity.NONE, List.of(), text) : body.civility();
        if (screened.civility().abusive() && screened.civility().severity().compareTo(civility.severity()) > 0) {
            civility = new TriageResult.Civility(
                    screened.civility().severity(), screened.civility().words(), civility.masked());
        }
        String language = body != null && body.language() != null ? body.language() : screened.language();
        return new TriageResult(
                emergency ? body.emergency() : screened.emergency(),
                emergency ? body.guidance() : screened.guidance(),
                body == null ? List.of() : body.suggestions(),
                civility,
                language,
                body == null ? null : body.address());
    }

    private @Nullable TriageResult assess(String jurisdiction, String text) {
        if (text.isBlank()) {
            return null;
        }
        TriageResult opening;
        try {
            opening = triage.assess(
                    text.length() <= Triage.MAX_TEXT ? text : text.substring(0, Triage.MAX_TEXT), jurisdiction);
        } catch (InvalidInputException e) {
            // Kept untriaged rather than lost; an agent reads it as it is.
            log.warn("Message not triaged: {}", e.getMessage());
            return null;
        }
        if (text.length() <= Triage.MAX_TEXT) {
            return opening;
        }
        // A long mail is read in full for what must never be missed (an emergency, abuse to mask), and its opening
        // for the rest (the service type, the address).
        Triage.Screening whole = triage.screen(text);
        boolean emergency = whole.emergency() != null;
        return new TriageResult(
                emergency ? whole.emergency() : null,
                emergency ? whole.guidance() : null,
                opening.suggestions(),
                whole.civility(),
                opening.language(),
                opening.address());
    }

    /** The conversation the message belongs to: the one holding what it answers, or the one of its thread. */
    private long conversationFor(
            String jurisdiction,
            IncomingMessage message,
            @Nullable String answeredKey,
            @Nullable String about,
            Instant now) {
        if (message.inReplyTo() != null) {
            Optional<Long> answered = jdbc.sql(
                            """
                            select c.id from conversation_message m join conversation c on c.id = m.conversation_id
                            where c.jurisdiction_id = :j and c.channel = :channel
                              and (m.external_id = :answered or m.outbox_key = :key)
                              -- Only the resident continues their own thread: anyone else who answers it, or forges
                              -- its headers, starts a conversation of their own.
                              and c.resident = :resident
                            limit 1""")
                    .param("j", jurisdiction)
                    .param("resident", limit(message.author(), 320))
                    .param("channel", message.channel().name())
                    .param("answered", message.inReplyTo())
                    .param("key", answeredKey == null ? "" : answeredKey)
                    .query(Long.class)
                    .optional();
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        if (about != null) {
            // The resident's own conversation that request came from or was linked to, when there is one.
            Optional<Long> ofRequest = jdbc.sql(
                            """
                            select c.id from conversation_request r join conversation c on c.id = r.conversation_id
                            where r.request_public_id = :about and c.jurisdiction_id = :j and c.channel = :channel
                              and c.resident = :resident
                            order by r.linked_at desc limit 1""")
                    .param("about", about)
                    .param("j", jurisdiction)
                    .param("channel", message.channel().name())
                    .param("resident", limit(message.author(), 320))
                    .query(Long.class)
                    .optional();
            if (ofRequest.isPresent()) {
                return ofRequest.get();
            }
        }
        // A thread key someone else's conversation already has (a forged References header) does not join it.
        String thread = limit(message.threadKey(), 500);
        String holder = jdbc.sql("select resident from conversation where jurisdiction_id = :j and channel = :channel"
                        + " and thread_key = :thread")
                .param("j", jurisdiction)
                .param("channel", message.channel().name())
                .param("thread", thread)
                .query(String.class)
                .optional()
                .orElse(null);
        if (holder != null && !holder.equals(limit(message.author(), 320))) {
            thread = limit(externalId(message), 500);
        }
        return jdbc.sql(
                        """
                        insert into conversation (jurisdiction_id, channel, thread_key, resident, resident_name, subject,
                            visibility, created_at, last_message_at, status)
                        values (:j, :channel, :thread, :resident, :name, :subject, :visibility, :now, :at, 'OPEN')
                        on conflict (jurisdiction_id, channel, thread_key) do update set status = conversation.status
                        returning id""")
                .param("j", jurisdiction)
                .param("channel", message.channel().name())
                .param("thread", thread)
                .param("resident", limit(message.author(), 320))
                .param("name", limit(PlainText.singleLine(message.authorName()), 200))
                .param("subject", limit(PlainText.singleLine(message.subject()), 300))
                .param("visibility", message.visibility())
                .param("now", Timestamp.from(now))
                .param("at", Timestamp.from(message.at()))
                .query(Long.class)
                .single();
    }

    /**
     * A photo fetched after its message was kept (the provider could not give it at the time): it joins the message,
     * which then misses one fewer. Refused past the message's limit of photos, or when it is no image Civic311 takes.
     */
    boolean keepLatePhoto(long messageId, byte[] photo) {
        int kept = jdbc.sql("select count(*) from conversation_media where message_id = :m")
                .param("m", messageId)
                .query(Integer.class)
                .single();
        if (kept >= MAX_PHOTOS || !keepPhoto(messageId, kept, photo)) {
            return false;
        }
        jdbc.sql("update conversation_message set photos_missing = greatest(photos_missing - 1, 0) where id = :id")
                .param("id", messageId)
                .update();
        return true;
    }

    /** Keeps the message's photos, as many as a message keeps; returns how many were not kept. */
    private int keepPhotos(long messageId, List<byte[]> photos) {
        int notKept = Math.max(0, photos.size() - MAX_PHOTOS);
        int position = 0;
        for (byte[] photo : photos.subList(0, Math.min(photos.size(), MAX_PHOTOS))) {
            if (keepPhoto(messageId, position, photo)) {
                position++;
            } else {
                notKept++;
            }
        }
        return notKept;
    }

    /** Keeps one photo of the message at its position; false when it is no image Civic311 accepts (type or size). */
    private boolean keepPhoto(long messageId, int position, byte[] photo) {
        try {
            var location = media.locationOf(photo);
            // A resident's photos stay with staff until an agent files them with a request.
            StoredMedia stored = media.storeForStaff("photo", photo);
            jdbc.sql(
                            """
                            insert into conversation_media (message_id, position, path, content_type, latitude,
                                longitude)
                            values (:m, :p, :path, :type, :lat, :lon)""")
                    .param("m", messageId)
                    .param("p", position)
                    .param("path", stored.path())
                    .param("type", stored.contentType())
                    .param(
                            "lat",
                            location.map(MediaStore.PhotoLocation::latitude).orElse(null))
                    .param(
                            "lon",
                            location.map(MediaStore.PhotoLocation::longitude).orElse(null))
                    .update();
            return true;
        } catch (InvalidInputException e) {
            // The message is kept, the attachment is not.
            log.info("Attachment of message {} not kept: {}", messageId, e.getMessage());
            return false;
        }
    }

    private Optional<Received> find(String jurisdiction, ConversationChannel channel, String externalId) {
        return jdbc.sql(
                        """
                        select m.conversation_id, m.id from conversation_message m
                        join conversation c on c.id = m.conversation_id
                        where c.jurisdiction_id = :j and c.channel = :channel and m.direction = 'IN'
                          and m.external_id = :external""")
                .param("j", jurisdiction)
                .param("channel", channel.name())
                .param("external", externalId)
                .query((rs, n) -> new Received(rs.getLong(1), rs.getLong(2), false))
                .optional();
    }

    /**
     * The conversation as it stands, locked until the caller's transaction ends: so that filing a request from it
     * (two clicks, two agents) checks and links under one lock, and only once.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Conversation lock(String jurisdictionId, long id) {
        jdbc.sql("select id from conversation where id = :id and jurisdiction_id = :j for update")
                .param("id", id)
                .param("j", jurisdictionId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("no conversation " + id));
        return conversation(jurisdictionId, id);
    }

    private List<ConversationMessage> messages(long conversationId) {
        Map<Long, List<ConversationMessage.Photo>> photos = new HashMap<>();
        jdbc.sql(
                        """
                        select p.* from conversation_media p join conversation_message m on m.id = p.message_id
                        where m.conversation_id = :c order by p.message_id, p.position""")
                .param("c", conversationId)
                .query(rs -> {
                    photos.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>())
                            .add(new ConversationMessage.Photo(
                                    rs.getString("path"),
                                    rs.getString("content_type"),
                                    (Double) rs.getObject("latitude"),
                                    (Double) rs.getObject("longitude")));
                });
        return jdbc.sql("select * from conversation_message where conversation_id = :c order by at, id")
                .param("c", conversationId)
                .query((rs, n) -> {
                    String triaged = rs.getString("triage");
                    return new ConversationMessage(
                            rs.getLong("id"),
                            ConversationMessage.Direction.valueOf(rs.getString("direction")),
                            rs.getString("external_id"),
                            rs.getString("author"),
                            rs.getString("text"),
                            rs.getString("masked_text"),
                            rs.getTimestamp("at").toInstant(),
                            triaged == null ? null : json.readValue(triaged, TriageResult.class),
                            rs.getBoolean("automatic"),
                            rs.getString("outbox_key"),
                            rs.getString("visibility"),
                            photos.getOrDefault(rs.getLong("id"), List.of()),
                            rs.getInt("photos_missing"));
                })
                .list();
    }

    private static Conversation conversation(ResultSet rs, Instant now, List<ConversationMessage> messages)
            throws SQLException {
        Timestamp composingUntil = rs.getTimestamp("composing_until");
        boolean composing = composingUntil != null && composingUntil.toInstant().isAfter(now);
        return new Conversation(
                rs.getLong("id"),
                rs.getString("jurisdiction_id"),
                ConversationChannel.valueOf(rs.getString("channel")),
                rs.getString("thread_key"),
                rs.getString("resident"),
                rs.getString("resident_name"),
                rs.getString("subject"),
                rs.getString("visibility"),
                ConversationStatus.valueOf(rs.getString("status")),
                rs.getString("owner"),
                composing ? rs.getString("composing_by") : null,
                rs.getString("language"),
                rs.getString("emergency"),
                rs.getBoolean("abusive"),
                rs.getString("request_public_id"),
                rs.getBoolean("request_filed_here"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("last_message_at").toInstant(),
                rs.getString("last_text"),
                messages);
    }

    /** "Re:" and the resident's subject, its abusive words masked: a reply never echoes them. */
    private String replySubject(Conversation conversation) {
        String subject = conversation.subject() == null ? "Your message to 311" : triage.masked(conversation.subject());
        return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
    }

    /** The provider's id of a message, bounded: an absurdly long Message-ID is kept by its digest. */
    private static String externalId(IncomingMessage message) {
        String id = message.externalId();
        if (id.length() <= 300) {
            return id;
        }
        try {
            return "sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String limit(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
