package org.civic311.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civic311.catalog.Resolution;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requests as work: their state, audit trail, followers, escalations, dispatch, queues and look-alikes. */
@Repository
class WorkRepository {

    /** Great-circle distance in metres from (:clat, :clon) to the request's point. */
    static final String DISTANCE =
            """
            (2 * 6371008.8 * asin(sqrt(power(sin(radians(r.lat - :clat) / 2), 2)
                + cos(radians(:clat)) * cos(radians(r.lat)) * power(sin(radians(r.lon - :clon) / 2), 2))))""";

    private final JdbcClient jdbc;
    private final RequestRepository requests;

    WorkRepository(JdbcClient jdbc, RequestRepository requests) {
        this.jdbc = jdbc;
        this.requests = requests;
    }

    void markPlacePrivate(long requestId, boolean placePrivate) {
        jdbc.sql("update service_request set location_private = :private where id = :id")
                .param("private", placePrivate)
                .param("id", requestId)
                .update();
    }

    /** What the public reads of the description from now on; the resident's words stay as they were written. */
    void correctPublicDescription(long requestId, String shown, Instant at) {
        jdbc.sql(
                        """
                        update service_request set description_public = :shown, updated_at = :at
                        where id = :id""")
                .param("shown", shown)
                .param("at", java.sql.Timestamp.from(at))
                .param("id", requestId)
                .update();
    }

    /** Whether a photo of the request is public; nothing when it is not one of the request's photos. */
    Optional<Boolean> mediaPublic(long requestId, String url) {
        return jdbc.sql("select public from request_media where request_id = :id and url = :url")
                .param("id", requestId)
                .param("url", url)
                .query(Boolean.class)
                .optional();
    }

    /** How many photos the request has, those staff keep to themselves included. */
    int mediaCount(long requestId) {
        return jdbc.sql("select count(*)::int from request_media where request_id = :id")
                .param("id", requestId)
                .query(Integer.class)
                .single();
    }

    /** The request changed now: clients reading what changed since a moment find it. */
    void touch(long requestId, Instant at) {
        jdbc.sql("update service_request set updated_at = :at where id = :id")
                .param("at", java.sql.Timestamp.from(at))
                .param("id", requestId)
                .update();
    }

    /** A photo added after the request was made, after its others. */
    void addMedia(long requestId, String url, boolean shown) {
        jdbc.sql(
                        """
                        insert into request_media (request_id, position, url, public)
                        select :id, coalesce(max(position) + 1, 0), :url, :public from request_media
                        where request_id = :id""")
                .param("id", requestId)
                .param("url", url)
                .param("public", shown)
                .update();
    }

    /** Hides a photo of the request from the public, or shows it again, kept from now on at {@code keptAt}. */
    void hideMedia(long requestId, String url, String keptAt, boolean hidden) {
        jdbc.sql("update request_media set public = not :hidden, url = :kept where request_id = :id and url = :url")
                .param("hidden", hidden)
                .param("kept", keptAt)
                .param("id", requestId)
                .param("url", url)
                .update();
    }

    /** The request's work state, locked until the transaction ends so that concurrent changes queue up. */
    Optional<WorkItem> lock(String jurisdictionId, String publicId) {
        return jdbc.sql(
                        """
                        select id, public_id, status_code, closed, department_code, assignee, resolution, parent_id
                        from service_request where jurisdiction_id = :j and public_id = :id for update""")
                .param("j", jurisdictionId)
                .param("id", publicId)
                .query((rs, n) -> new WorkItem(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7) == null ? null : Resolution.valueOf(rs.getString(7)),
                        (Long) rs.getObject(8)))
                .optional();
    }

    /**
     * Writes the work state. The department the public is told is responsible follows the queue: the department
     * holding it, or the type's own while 311 routes it again.
     */
    void save(WorkItem item, Instant at, @Nullable String statusNotes) {
        jdbc.sql(
                        """
                        update service_request set status_code = :status, closed = :closed,
                            department_code = :department, assignee = :assignee, resolution = :resolution,
                            agency = coalesce((select d.name from department d
                                               where d.jurisdiction_id = service_request.jurisdiction_id
                                                 and d.code = coalesce(cast(:department as text),
                                                     (select t.department_code from service_type t
                                                      where t.jurisdiction_id = service_request.jurisdiction_id
                                                        and t.code = service_request.service_code))), agency),
                            parent_id = :parent, updated_at = :at,
                            closed_at = case when :closed then coalesce(closed_at, :at) else null end,
                            -- Closed after its due time before the watch saw it breached: late all the same.
                            breached_at = case when :closed and coalesce(closed_at, :at) > expected_at
                                then coalesce(breached_at, expected_at) else breached_at end,
                            returned_to_311 = (cast(:department as text) is null),
                            status_notes = coalesce(:notes, status_notes)
                        where id = :id""")
                .param("status", item.statusCode())
                .param("closed", item.closed())
                .param("department", item.departmentCode())
                .param("assignee", item.assignee())
                .param(
                        "resolution",
                        item.resolution() == null ? null : item.resolution().name())
                .param("parent", item.parentId())
                .param("at", Timestamp.from(at))
                .param("notes", statusNotes)
                .param("id", item.id())
                .update();
    }

    void audit(long requestId, Instant at, Actor actor, String action, String detail) {
        jdbc.sql(
                        """
                        insert into request_audit (request_id, at, actor, channel, action, detail)
                        values (:id, :at, :actor, :channel, :action, :detail)""")
                .param("id", requestId)
                .param("at", Timestamp.from(at))
                .param("actor", actor.name())
                .param("channel", actor.channel())
                .param("action", action)
                .param("detail", detail)
                .update();
    }

    List<AuditEntry> audit(long requestId) {
        return jdbc.sql(
                        "select at, actor, channel, action, detail from request_audit where request_id = :id order by at, id")
                .param("id", requestId)
                .query((rs, n) -> new AuditEntry(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    List<StaffNote> notes(long requestId) {
        return jdbc.sql(
                        """
                        select id, noted_at, public, kind, status_code, text, author, corrected_at from request_note
                        where request_id = :id order by noted_at, id""")
                .param("id", requestId)
                .query((rs, n) -> new StaffNote(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getBoolean(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .list();
    }

    /**
     * A public note's new wording; the request's latest public note, which Open311 publishes as its status notes,
     * follows when it is the one corrected.
     */
    void correctNote(long requestId, long noteId, String text, String by, Instant at) {
        jdbc.sql(
                        """
                        update request_note set text = :text, corrected_at = :at, corrected_by = :by
                        where id = :note and request_id = :request""")
                .param("text", text)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("note", noteId)
                .param("request", requestId)
                .update();
        jdbc.sql(
                        """
                        update service_request set status_notes = :text, updated_at = :at
                        where id = :request and :note = (select id from request_note
                            where request_id = :request and public order by noted_at desc, id desc limit 1)""")
                .param("text", text)
                .param("at", Timestamp.from(at))
                .param("note", noteId)
                .param("request", requestId)
                .update();
    }

    Reporter reporter(long requestId) {
        return jdbc.sql(
                        """
                        select first_name, last_name, email, phone, device_id, account_id
                        from request_reporter where request_id = :id""")
                .param("id", requestId)
                .query(Reporter.class)
                .optional()
                .orElse(Reporter.anonymous());
    }

    /** Adds a follower; following twice in the same channel and address changes nothing. */
    void follow(
            long requestId,
            FollowerChannel channel,
            String address,
            String language,
            @Nullable String visibility,
            @Nullable String resident,
            Instant at) {
        jdbc.sql(
                        """
                        insert into request_follower (request_id, channel, address, language, unsubscribe_token, since,
                            visibility, resident)
                        select cast(:id as bigint), cast(:channel as text), cast(:address as text),
                            cast(:language as text), cast(:token as uuid), cast(:at as timestamptz),
                            cast(:visibility as text), cast(:resident as text)
                        where not exists (%s)
                        on conflict (request_id, channel, address) do nothing"""
                                .formatted(ANOTHER_SPELLING))
                .param("digits", address.replaceAll("[^0-9]", ""))
                .param("id", requestId)
                .param("resident", resident)
                .param("channel", channel.name())
                .param("visibility", visibility)
                .param("address", address)
                .param("language", language)
                .param("token", UUID.randomUUID())
                .param("at", Timestamp.from(at))
                .update();
    }

    private static final String FOLLOWER =
            "select id, request_id, channel, address, language, unsubscribe_token::text, visibility, resident"
                    + " from request_follower";

    private static Follower follower(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Follower(
                rs.getLong(1),
                rs.getLong(2),
                FollowerChannel.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
    }

    List<Follower> followers(long requestId) {
        return jdbc.sql(FOLLOWER + " where request_id = :id and (confirm_token is null or confirmed_at is not null)"
                        + " order by id")
                .param("id", requestId)
                .query(WorkRepository::follower)
                .list();
    }

    /** The follower waiting for the token to confirm their address, if it still waits. */
    java.util.Optional<Follower> pendingFollower(long requestId, String confirmToken) {
        UUID token;
        try {
            token = UUID.fromString(confirmToken);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        return jdbc.sql(FOLLOWER + " where request_id = :id and confirm_token = :token and confirmed_at is null")
                .param("id", requestId)
                .param("token", token)
                .query(WorkRepository::follower)
                .optional();
    }

    /** The confirmation links an address is sent in a day while it answers none of them. */
    static final int UNANSWERED_PER_DAY = 5;

    /** How soon an address still waiting for its confirmation may be sent another: a double click sends one. */
    static final java.time.Duration CONFIRM_AGAIN_AFTER = java.time.Duration.ofMinutes(10);

    /**
     * A pending follower, waiting for its address to be confirmed; empty when the address already follows, or was
     * sent its confirmation minutes ago. An address that never confirmed (the link lost, or expired) is given a new
     * link, the old one no longer working.
     */
    java.util.Optional<UUID> followPending(
            long requestId, FollowerChannel channel, String address, String language, Instant at) {
        return jdbc.sql(
                        """
                        insert into request_follower (request_id, channel, address, language, unsubscribe_token, since,
                            confirm_token)
                        select cast(:id as bigint), cast(:channel as text), cast(:address as text),
                            cast(:language as text), cast(:token as uuid), cast(:at as timestamptz),
                            cast(:confirm as uuid)
                        where not exists (%s)
                          -- Someone typing another person's address on many requests sends them a handful of links
                          -- a day, not one for each.
                          and (select coalesce(sum(confirmations_sent), 0) from request_follower
                               where channel = :channel and address = :address and confirm_token is not null
                                 and confirmed_at is null and since > :day) < :unanswered
                        on conflict (request_id, channel, address) do update
                            set confirm_token = excluded.confirm_token, since = excluded.since,
                                language = excluded.language,
                                confirmations_sent = case when request_follower.since > :day
                                    then request_follower.confirmations_sent + 1 else 1 end
                            where request_follower.confirm_token is not null
                              and request_follower.confirmed_at is null and request_follower.since < :again
                        returning confirm_token"""
                                .formatted(ANOTHER_SPELLING))
                .param("digits", address.replaceAll("[^0-9]", ""))
                .param("again", java.sql.Timestamp.from(at.minus(CONFIRM_AGAIN_AFTER)))
                .param("day", java.sql.Timestamp.from(at.minus(java.time.Duration.ofDays(1))))
                .param("unanswered", UNANSWERED_PER_DAY)
                .param("id", requestId)
                .param("channel", channel.name())
                .param("address", address)
                .param("language", language)
                .param("token", UUID.randomUUID())
                .param("at", java.sql.Timestamp.from(at))
                .param("confirm", UUID.randomUUID())
                .query(UUID.class)
                .optional();
    }

    /** Confirms a pending follower; the tracking number of the request it follows, if the token is one. */
    java.util.Optional<String> confirmFollow(String token, Instant at) {
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        // A request marked a duplicate before its follower confirmed: the follower follows the original too, as the
        // duplicate's confirmed followers were moved to it.
        return jdbc.sql(
                        """
                        with confirmed as (
                            update request_follower f set confirmed_at = coalesce(f.confirmed_at, :at)
                            from service_request r where r.id = f.request_id and f.confirm_token = :token
                              and (f.confirmed_at is not null or f.since >= :oldest)
                            returning r.public_id, r.parent_id, f.channel, f.address, f.language, f.visibility,
                                f.resident),
                        moved as (
                            insert into request_follower (request_id, channel, address, language, unsubscribe_token,
                                since, visibility, resident)
                            select parent_id, channel, address, language, gen_random_uuid(), :at, visibility, resident
                            from confirmed where parent_id is not null
                            on conflict (request_id, channel, address) do nothing)
                        select public_id from confirmed""")
                .param("at", java.sql.Timestamp.from(at))
                .param("oldest", java.sql.Timestamp.from(at.minus(FollowConfirmationRequested.VALID_FOR)))
                .param("token", id)
                .query(String.class)
                .optional();
    }

    /** Stops the follower the link is for: their row and address go, the link is remembered. */
    void unfollow(String unsubscribeToken, Instant at) {
        token(unsubscribeToken).ifPresent(token -> jdbc.sql(
                        """
                        with gone as (
                            delete from request_follower where unsubscribe_token = :token
                            returning request_id, unsubscribe_token)
                        insert into request_follow_stopped (unsubscribe_token, request_id, stopped_at)
                        select unsubscribe_token, request_id, :at from gone
                        on conflict (unsubscribe_token) do nothing""")
                .param("token", token)
                .param("at", Timestamp.from(at))
                .update());
    }

    /** What the link is for: the request still followed, or stopped already; empty for a link that is neither. */
    Optional<Following> following(String unsubscribeToken) {
        return token(unsubscribeToken).flatMap(token -> jdbc.sql(
                        """
                        select r.public_id, false from request_follower f join service_request r on r.id = f.request_id
                        where f.unsubscribe_token = :token
                        union all
                        select r.public_id, true from request_follow_stopped s
                        join service_request r on r.id = s.request_id
                        where s.unsubscribe_token = :token
                        limit 1""")
                .param("token", token)
                .query((rs, row) -> new Following(rs.getString(1), rs.getBoolean(2)))
                .optional());
    }

    private static Optional<UUID> token(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The same phone number, as digits: equal, or with the same last ten digits when both have ten or more (a number
     * typed without its country code, "4165550123", is the provider's "+14165550123").
     */
    private static final String SAME_NUMBER =
            """
            (%1$s = :digits
             or (length(%1$s) >= 10 and length(:digits) >= 10 and right(%1$s, 10) = right(:digits, 10)))""";

    /**
     * The request already has the number as a follower, written another way ("+14165550142" from a text message,
     * "4165550142" typed on the portal): a person follows once, and hears each update once.
     */
    private static final String ANOTHER_SPELLING =
            """
            select 1 from request_follower f
            where :channel = 'SMS' and f.request_id = :id and f.channel = 'SMS' and f.address <> :address
              and"""
                    + " " + SAME_NUMBER.formatted("regexp_replace(f.address, '[^0-9]', '', 'g')");

    /** Every SMS follower with this number. */
    int unfollowNumber(String digits) {
        return jdbc.sql("delete from request_follower where channel = 'SMS' and "
                        + SAME_NUMBER.formatted("regexp_replace(address, '[^0-9]', '', 'g')"))
                .param("digits", digits)
                .update();
    }

    void optOut(String digits, Instant at) {
        jdbc.sql(
                        "insert into text_opt_out (digits, at) values (:digits, :at) on conflict (digits) do update set at = :at")
                .param("digits", digits)
                .param("at", Timestamp.from(at))
                .update();
    }

    void optIn(String digits) {
        jdbc.sql("delete from text_opt_out where " + SAME_NUMBER.formatted("digits"))
                .param("digits", digits)
                .update();
    }

    boolean optedOut(String digits) {
        return jdbc.sql("select exists(select 1 from text_opt_out where " + SAME_NUMBER.formatted("digits") + ")")
                .param("digits", digits)
                .query(Boolean.class)
                .single();
    }

    /** A duplicate's followers now follow the request it duplicates. */
    void moveFollowers(long fromRequestId, long toRequestId, Instant at) {
        // Confirmed followers only, as they are notified; each with a token of its own, and who they are kept.
        jdbc.sql(
                        """
                        insert into request_follower (request_id, channel, address, language, unsubscribe_token, since,
                            visibility, resident)
                        select :to, channel, address, language, gen_random_uuid(), :at, visibility, resident
                        from request_follower
                        where request_id = :from and (confirm_token is null or confirmed_at is not null)
                        order by id
                        on conflict (request_id, channel, address) do nothing""")
                .param("to", toRequestId)
                .param("from", fromRequestId)
                .param("at", Timestamp.from(at))
                .update();
    }

    long escalate(
            long requestId,
            String jurisdictionId,
            EscalationKind kind,
            @Nullable String person,
            Instant at,
            String reason) {
        return jdbc.sql(
                        """
                        insert into request_escalation (request_id, jurisdiction_id, kind, person_key, at, reason)
                        values (:id, :j, :kind, :person, :at, :reason) returning id""")
                .param("id", requestId)
                .param("j", jurisdictionId)
                .param("kind", kind.name())
                .param("person", person)
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .query(Long.class)
                .single();
    }

    /**
     * Open requests escalated (past their target, a repeat problem) that the person now answers for, or anyone's when
     * null: the ids of each request's latest escalation that still holds (one past a target that has since been
     * moved does not), newest first.
     */
    List<EscalatedRequest.Row> openEscalations(
            String jurisdictionId, @Nullable String personKey, @Nullable String department, int limit) {
        return jdbc.sql(
                        """
                        select * from (
                            select distinct on (e.request_id) e.request_id, e.kind, e.person_key, e.at, e.reason,
                                r.supervisor_key
                            from request_escalation e join service_request r on r.id = e.request_id
                            where e.jurisdiction_id = :j and not r.closed
                                and (e.kind <> 'SLA_BREACH' or r.sla_state = 'BREACHED')
                                and (cast(:department as text) is null or r.department_code = :department)
                            order by e.request_id, e.at desc, e.id desc) latest
                        where cast(:person as text) is null or supervisor_key = :person
                        order by at desc limit :limit""")
                .param("j", jurisdictionId)
                .param("person", personKey)
                .param("department", department)
                .param("limit", limit)
                .query((rs, n) -> new EscalatedRequest.Row(
                        rs.getLong(1),
                        new Escalation(
                                EscalationKind.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant(),
                                rs.getString(5))))
                .list();
    }

    List<Escalation> escalations(long requestId) {
        return jdbc.sql(
                        "select kind, person_key, at, reason from request_escalation where request_id = :id order by at, id")
                .param("id", requestId)
                .query((rs, n) -> new Escalation(
                        EscalationKind.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }

    /** Open requests of the type within the radius of the point, nearest first. */
    List<ServiceRequest> openNearby(
            String jurisdictionId, String serviceCode, double lat, double lon, double radiusMetres, long excludeId) {
        RequestSearch.Box box = new RequestSearch.Circle(lat, lon, radiusMetres).bounds();
        List<Long> ids = jdbc.sql(
                        """
                        select r.id from service_request r
                        where r.jurisdiction_id = :j and r.service_code = :code and not r.closed and r.id <> :exclude
                          and r.location <@ box(point(:minLon, :minLat), point(:maxLon, :maxLat))
                          and """
                                + DISTANCE + " <= :radius order by " + DISTANCE + " limit 10")
                .param("j", jurisdictionId)
                .param("code", serviceCode)
                .param("exclude", excludeId)
                .param("minLon", box.minLongitude())
                .param("minLat", box.minLatitude())
                .param("maxLon", box.maxLongitude())
                .param("maxLat", box.maxLatitude())
                .param("clat", lat)
                .param("clon", lon)
                .param("radius", radiusMetres)
                .query(Long.class)
                .list();
        return requests.byIds(ids);
    }

    /** The key of the address given as {@code :address}, as the stored column {@code address_key} keys each request's. */
    private static final String ADDRESS_KEY_OF_PARAMETER =
            "nullif(trim(lower(regexp_replace(cast(:address as text), '[^[:alnum:]]+', ' ', 'g'))), '')";

    /**
     * Open requests of the type at the same address (as repeat problems are matched), newest first: the possible
     * duplicates of a report with an address the gazetteer could not place on the map.
     */
    List<ServiceRequest> openAtAddress(String jurisdictionId, String serviceCode, String address, long excludeId) {
        List<Long> ids = jdbc.sql(
                        """
                        select r.id from service_request r
                        where r.jurisdiction_id = :j and r.service_code = :code and not r.closed and r.id <> :exclude
                          and r.address_key = """
                                + ADDRESS_KEY_OF_PARAMETER + " order by r.requested_at desc limit 10")
                .param("j", jurisdictionId)
                .param("code", serviceCode)
                .param("exclude", excludeId)
                .param("address", address)
                .query(Long.class)
                .list();
        return requests.byIds(ids);
    }

    /** Reports of one type at one place: the same address, or a point within a radius. */
    record Place(
            String jurisdictionId,
            String serviceCode,
            @Nullable String address,
            @Nullable Double lat,
            @Nullable Double lon,
            double radiusMetres) {

        boolean isKnown() {
            return address != null || (lat != null && lon != null);
        }

        /** The condition on {@code r}, its parameters added to {@code params}. */
        String condition(Map<String, Object> params) {
            List<String> alternatives = new ArrayList<>();
            if (address != null) {
                alternatives.add("r.address_key = " + ADDRESS_KEY_OF_PARAMETER);
                params.put("address", address);
            }
            if (lat != null && lon != null) {
                RequestSearch.Box box = new RequestSearch.Circle(lat, lon, radiusMetres).bounds();
                alternatives.add("(r.location <@ box(point(:minLon, :minLat), point(:maxLon, :maxLat)) and " + DISTANCE
                        + " <= :radius)");
                params.put("minLon", box.minLongitude());
                params.put("minLat", box.minLatitude());
                params.put("maxLon", box.maxLongitude());
                params.put("maxLat", box.maxLatitude());
                params.put("clat", lat);
                params.put("clon", lon);
                params.put("radius", radiusMetres);
            }
            params.put("j", jurisdictionId);
            params.put("code", serviceCode);
            return "r.jurisdiction_id = :j and r.service_code = :code and (" + String.join(" or ", alternatives) + ")";
        }
    }

    /** How many reports a place had since a moment, and the tracking numbers of the newest few. */
    record EarlierReports(int count, List<String> newest) {}

    static final int NEWEST_SHOWN = 20;

    /** Earlier reports of the type at the same place since a moment, open or closed; other than the excluded one. */
    EarlierReports earlierReportsAtPlace(Place place, Instant since, long excludeId) {
        if (!place.isKnown()) {
            return new EarlierReports(0, List.of());
        }
        Map<String, Object> params = new HashMap<>();
        String condition = place.condition(params);
        params.put("since", Timestamp.from(since));
        params.put("exclude", excludeId);
        params.put("shown", NEWEST_SHOWN);
        List<Map<String, Object>> rows = jdbc.sql("select r.public_id, count(*) over () as total from service_request r"
                        + " where " + condition + " and r.requested_at >= :since and r.id <> :exclude"
                        + " order by r.requested_at desc, r.id desc limit :shown")
                .params(params)
                .query()
                .listOfRows();
        return new EarlierReports(
                rows.isEmpty() ? 0 : ((Number) rows.getFirst().get("total")).intValue(),
                rows.stream().map(row -> (String) row.get("public_id")).toList());
    }

    /** Whether a repeat problem at this place was escalated since the given moment, and is still open. */
    boolean repeatEscalatedSince(Place place, Instant since) {
        Map<String, Object> params = new HashMap<>();
        String condition = place.condition(params);
        params.put("since", Timestamp.from(since));
        return jdbc.sql("select exists(select 1 from request_escalation e join service_request r on r.id = e.request_id"
                        // One whose request was closed since was dealt with: the problem is back, and so is its
                        // supervisor's part in it. Closed as a duplicate of another report, it was not dealt with.
                        + " where e.kind = 'REPEAT_PROBLEM' and e.at >= :since"
                        + " and (not r.closed or r.resolution = 'DUPLICATE') and " + condition
                        + ")")
                .params(params)
                .query(Boolean.class)
                .single();
    }

    /**
     * Takes locks, until the transaction ends, on the repeat checks of a type around a place, so that two reports at
     * the same place at once cannot both miss each other, while reports elsewhere go on in parallel. The map is cut
     * into cells at least twice the repeat radius wide (up to 75 degrees of latitude); a place locks the 2 by 2 cells around its nearest cell corner,
     * which hold every point within the radius, so two places within the radius share at least one cell. The address
     * is locked as well, since a repeat also matches by address. Locks are taken in one order, so never deadlock.
     */
    void serialiseRepeatChecks(Place place) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        String prefix = "repeat:" + place.jurisdictionId() + ":" + place.serviceCode() + ":";
        if (place.address() != null) {
            keys.add(prefix + "address:"
                    + place.address()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replaceAll("[^\\p{Alnum}]+", " ")
                            .strip());
        }
        if (place.lat() != null && place.lon() != null) {
            double cellLat = Math.max(1, 2 * place.radiusMetres()) / 111_320.0;
            // Cells four times as wide in degrees of longitude stay at least 2r wide up to 75 degrees of latitude;
            // beyond, a point also takes one lock for the whole type (two such points may share no cell).
            double cellLon = 4 * cellLat;
            long columns = Math.max(1, Math.round(360 / cellLon));
            long row = Math.round(place.lat() / cellLat);
            long column = Math.round((place.lon() + 180) / cellLon);
            for (long r = row - 1; r <= row; r++) {
                for (long c = column - 1; c <= column; c++) {
                    // Columns wrap at the antimeridian, so that -179.9999 and 179.9999 are neighbours.
                    keys.add(prefix + r + ":" + Math.floorMod(c, columns));
                }
            }
            if (Math.abs(place.lat()) > 75) {
                keys.add(prefix + "all");
            }
        }
        // One statement: the function scan hands the keys over in the array's order, so they are locked in it.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(cast(:keys as text[])) as key")
                .param("keys", keys.toArray(String[]::new))
                .query()
                .listOfRows();
    }

    void markRepeat(long requestId, int count) {
        jdbc.sql("update service_request set repeat_count = :count where id = :id")
                .param("count", count)
                .param("id", requestId)
                .update();
    }

    List<ServiceRequest> queue(QueueQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select r.id from service_request r where r.jurisdiction_id = :j");
        queueFilters(query, sql, params);
        sql.append(
                query.updatedSince() != null
                        ? " order by r.updated_at, r.id"
                        : query.statusCodes().isEmpty()
                                ? " order by r.expected_at asc nulls last, r.id"
                                : " order by r.closed, case when r.closed then null else r.expected_at end asc nulls last,"
                                        + " r.closed_at desc nulls last, r.id desc");
        sql.append(" limit :limit offset :offset");
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        return requests.byIds(
                jdbc.sql(sql.toString()).params(params).query(Long.class).list());
    }

    /** How many requests the queue holds, all pages together. */
    List<String> duplicatesOf(long requestId) {
        return jdbc.sql("select public_id from service_request where parent_id = :id order by requested_at, id")
                .param("id", requestId)
                .query(String.class)
                .list();
    }

    /** Who holds a department's open requests (colleagues and crews as they were named), for its queue's filter. */
    List<String> holders(String jurisdictionId, String department) {
        return jdbc.sql(
                        """
                        select distinct assignee from service_request
                        where jurisdiction_id = :j and department_code = :d and not closed and assignee is not null
                        order by assignee limit 200""")
                .param("j", jurisdictionId)
                .param("d", department)
                .query(String.class)
                .list();
    }

    int queueSize(QueueQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select count(*) from service_request r where r.jurisdiction_id = :j");
        queueFilters(query, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Integer.class).single();
    }

    private static void queueFilters(QueueQuery query, StringBuilder sql, Map<String, Object> params) {
        params.put("j", query.jurisdictionId());
        if (query.departmentCode() == null) {
            sql.append(" and r.department_code is null");
        } else {
            sql.append(" and r.department_code = :department");
            params.put("department", query.departmentCode());
        }
        if (query.updatedSince() != null) {
            sql.append(
                    query.afterId() == null
                            ? " and r.updated_at >= :since"
                            : " and (r.updated_at, r.id) > (:since, :afterId)");
            params.put("since", Timestamp.from(query.updatedSince()));
            if (query.afterId() != null) {
                params.put("afterId", query.afterId());
            }
        }
        if (query.statusCodes().isEmpty()) {
            // What changed since a moment includes what closed since: a work order ends with its request.
            if (query.updatedSince() == null) {
                sql.append(" and not r.closed");
            }
        } else {
            sql.append(" and r.status_code = any(:statuses)");
            params.put("statuses", query.statusCodes().toArray(String[]::new));
        }
        if (query.serviceCode() != null) {
            sql.append(" and r.service_code = :code");
            params.put("code", query.serviceCode());
        }
        if (query.wardCode() != null) {
            sql.append(" and r.ward_code = :ward");
            params.put("ward", query.wardCode());
        }
        if (query.dueBefore() != null) {
            sql.append(" and r.expected_at <= :due");
            params.put("due", Timestamp.from(query.dueBefore()));
        }
        if (QueueQuery.NOBODY.equals(query.assignee())) {
            sql.append(" and r.assignee is null");
        } else if (query.assignee() != null) {
            sql.append(" and r.assignee = :assignee");
            params.put("assignee", query.assignee());
        }
        if (query.words() != null && !query.words().isBlank()) {
            String words = query.words().strip();
            String digits = words.replaceAll("\\D", "");
            boolean contact = words.contains("@")
                    || (digits.length() >= 7
                            && digits.length() * 2
                                    >= words.replaceAll("\\s", "").length());
            // Words of the place or the description; or, when it is one, the reporter's email or phone number. Who may
            // not find by reporter does not find a phone number or an email in what a resident wrote either.
            sql.append(" and (r.address ilike :like escape '\\'"
                    + (contact && !query.byReporter() ? "" : " or r.description ilike :like escape '\\'")
                    + " or r.public_id = :words");
            if (query.byReporter()) {
                sql.append(" or exists (select 1 from request_reporter p where p.request_id = r.id"
                        + " and (lower(p.email) = lower(:words)");
                if (digits.length() >= 7
                        && digits.length() * 2 >= words.replaceAll("\\s", "").length()) {
                    sql.append(" or phone_key(p.phone) = :digits");
                    params.put("digits", org.civic311.common.ResidentAddress.phoneKey(words));
                }
                sql.append("))");
            }
            sql.append(")");
            params.put("words", words);
            params.put(
                    "like",
                    "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    /** The requests whose reporter gave the phone number, newest first. */
    List<Long> reportedFromPhone(String jurisdictionId, String phoneDigits, int limit) {
        return jdbc.sql(
                        """
                        select r.id from request_reporter p join service_request r on r.id = p.request_id
                        where phone_key(p.phone) = :digits and p.phone is not null and r.jurisdiction_id = :j
                        order by r.requested_at desc limit :limit""")
                .param("digits", phoneDigits)
                .param("j", jurisdictionId)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Marks open requests past 80% of their time as nearing their target; returns how many. */
    int markNearing(Instant now) {
        return jdbc.sql(
                        """
                        update service_request set sla_state = 'NEARING'
                        where not closed and sla_state = 'ON_TRACK' and expected_at > :now
                          and coalesce(target_from, requested_at)
                              + (expected_at - coalesce(target_from, requested_at)) * 0.8 <= :now""")
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Marks open requests past their target as breached and returns them; each is returned once only. */
    List<ServiceRequest> markBreached(Instant now) {
        List<Long> ids = jdbc.sql(
                        """
                        update service_request set sla_state = 'BREACHED', breached_at = coalesce(breached_at, expected_at)
                        where not closed and sla_state <> 'BREACHED' and expected_at <= :now
                        returning id""")
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .list();
        return requests.byIds(ids);
    }

    @Nullable
    String supervisorOf(long requestId) {
        return jdbc.sql("select supervisor_key from service_request where id = :id")
                .param("id", requestId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /**
     * The request becomes one of another type: its name, notice and due date are the type's, its department's name
     * that of the queue it is now in (the type's, when it is in none); a due
     * date moved later puts it back on track, and the watch finds one already past.
     */
    /** A new due moment, the request back on track (the watch finds it nearing again in time). */
    void reschedule(long requestId, Instant expectedAt, Instant now) {
        jdbc.sql(
                        """
                        update service_request set expected_at = :expected, updated_at = :now,
                            sla_state = 'ON_TRACK'
                        where id = :id""")
                .param("expected", Timestamp.from(expectedAt))
                .param("now", Timestamp.from(now))
                .param("id", requestId)
                .update();
    }

    void changeType(long requestId, org.civic311.catalog.ServiceType type, Instant expectedAt, Instant now) {
        jdbc.sql(
                        """
                        update service_request set service_code = :code, service_name = :name,
                            agency = coalesce((select d.name from department d
                                               where d.jurisdiction_id = service_request.jurisdiction_id
                                                 and d.code = service_request.department_code), :agency),
                            service_notice = :notice, expected_at = :expected,
                            sla_state = case when :expected > :now then 'ON_TRACK' else sla_state end
                        where id = :id""")
                .param("code", type.code())
                .param("name", type.name())
                .param("agency", type.agencyName())
                .param("notice", type.notice())
                .param("expected", Timestamp.from(expectedAt))
                .param("now", Timestamp.from(now))
                .param("id", requestId)
                .update();
    }

    /**
     * When a closed request closed, and the status it had before: that of the last public entry before its latest
     * close (each carries the status it left). Empty for an open request, or one never closed by staff (an import).
     */
    Optional<ClosedFrom> closedFrom(long requestId) {
        return jdbc.sql(
                        """
                        select r.closed_at, (
                            select n.status_code from request_note n
                            where n.request_id = r.id and n.status_code is not null
                              and (n.noted_at, n.id) < (closing.noted_at, closing.id)
                            order by n.noted_at desc, n.id desc limit 1)
                        from service_request r
                        cross join lateral (
                            select c.noted_at, c.id from request_note c
                            where c.request_id = r.id and c.kind = 'closed'
                            order by c.noted_at desc, c.id desc limit 1) closing
                        where r.id = :id and r.closed and r.closed_at is not null""")
                .param("id", requestId)
                .query((rs, row) -> rs.getString(2) == null
                        ? Optional.<ClosedFrom>empty()
                        : Optional.of(new ClosedFrom(rs.getTimestamp(1).toInstant(), rs.getString(2))))
                .optional()
                .flatMap(found -> found);
    }

    record ClosedFrom(Instant at, String statusBefore) {}

    /** When the request's time to its target started: its reopening, if it was reopened, else its making. */
    Instant targetFrom(long requestId) {
        return jdbc.sql("select coalesce(target_from, requested_at) from service_request where id = :id")
                .param("id", requestId)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    /** A reopened request's new due date, counted from its reopening: it is on track again until then. */
    void restartTarget(long requestId, Instant from, Instant expectedAt) {
        jdbc.sql(
                        """
                        update service_request set target_from = :from, expected_at = :expected, sla_state = 'ON_TRACK'
                        where id = :id""")
                .param("from", Timestamp.from(from))
                .param("expected", Timestamp.from(expectedAt))
                .param("id", requestId)
                .update();
    }

    void relocate(long requestId, Location place, @Nullable String wardCode, Instant now) {
        jdbc.sql(
                        """
                        update service_request set address = :address, address_id = :addressId, zipcode = :zipcode,
                            lat = :lat, lon = :lon, ward_code = :ward, updated_at = :now
                        where id = :id""")
                .param("address", place.address())
                .param("addressId", place.addressId())
                .param("zipcode", place.zipcode())
                .param("lat", place.latitude())
                .param("lon", place.longitude())
                .param("ward", wardCode)
                .param("now", Timestamp.from(now))
                .param("id", requestId)
                .update();
    }

    void setSupervisor(long requestId, @Nullable String supervisorKey) {
        jdbc.sql("update service_request set supervisor_key = :s where id = :id")
                .param("s", supervisorKey)
                .param("id", requestId)
                .update();
    }
}
