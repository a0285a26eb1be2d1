package org.civic311.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.Resolution;
import org.civic311.catalog.ServiceType;
import org.civic311.common.PublicReads;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class RequestRepository {

    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};
    private static final String COLUMNS =
            """
            select r.id, r.jurisdiction_id, r.public_id, r.token, r.service_code, r.service_name, r.agency,
                   r.status_code, r.closed, r.status_notes, coalesce(r.description_public, r.description) as description,
                   r.service_notice, r.address, r.address_id,
                   r.zipcode, r.lat, r.lon, r.ward_code, r.channel, r.attributes, r.requested_at, r.updated_at,
                   r.expected_at, r.closed_at, p.public_id as parent_public_id, r.department_code, r.assignee,
                   r.resolution, r.sla_state, r.repeat_count,
            """;
    private static final String SELECT = COLUMNS
            + """
                   r.location_private or coalesce(st.private_location, false) as location_private
            from service_request r left join service_request p on p.id = r.parent_id
                 left join service_type st on st.jurisdiction_id = r.jurisdiction_id and st.code = r.service_code
            """;
    /**
     * A search by place finds no private request, so it needs no join to the service types. The join's hash broke the
     * place and time index's order, so the planner, which cannot estimate a box, read and sorted every request of the
     * area and period (10 ms against 1 ms in SQL at 400,000 requests).
     */
    private static final String SELECT_IN_AREA = COLUMNS
            + """
                   false as location_private
            from service_request r left join service_request p on p.id = r.parent_id
            """;

    private final JdbcClient jdbc;
    /** Searches read here: the replica when one is configured. */
    private final JdbcClient publicReads;

    private final JsonMapper json;

    RequestRepository(JdbcClient jdbc, PublicReads publicReads, JsonMapper json) {
        this.jdbc = jdbc;
        this.publicReads = publicReads.jdbc();
        this.json = json;
    }

    record NewRow(
            String jurisdictionId,
            String serviceCode,
            String serviceName,
            String agency,
            RequestStatus status,
            @Nullable String description,
            @Nullable String serviceNotice,
            Location location,
            @Nullable String wardCode,
            Channel channel,
            Map<String, List<String>> answers,
            Instant requestedAt,
            Instant filedAt,
            Instant expectedAt,
            @Nullable String departmentCode,
            @Nullable String supervisorKey,
            @Nullable String language,
            String civility,
            @Nullable String publicDescription,
            boolean locationPrivate) {}

    record Created(long id, String publicId, String token) {}

    Created insert(NewRow row) {
        String token = UUID.randomUUID().toString();
        // A tracking number can collide with one an archive import brought in; the sequence simply moves on.
        while (true) {
            Optional<Created> created = jdbc.sql(
                            """
                            insert into service_request (jurisdiction_id, public_id, token, service_code, service_name,
                                agency, status_code, closed, description, service_notice, address, address_id, zipcode,
                                lat, lon, ward_code, channel, attributes, requested_at, updated_at, expected_at,
                                department_code, supervisor_key, language, civility, description_public,
                                location_private)
                            values (:j, nextval('service_request_number')::text, :token, :code, :name,
                                coalesce((select d.name from department d where d.jurisdiction_id = :j
                                          and d.code = :department), :agency),
                                :status, :closed, :description, :notice, :address, :addressId, :zipcode, :lat, :lon,
                                :ward, :channel, cast(:attributes as jsonb), :requested, :filed, :expected,
                                :department, :supervisor, :language, :civility, :public, :private)
                            on conflict (jurisdiction_id, public_id) do nothing
                            returning id, public_id""")
                    .param("j", row.jurisdictionId())
                    .param("token", UUID.fromString(token))
                    .param("code", row.serviceCode())
                    .param("name", row.serviceName())
                    .param("agency", row.agency())
                    .param("status", row.status().code())
                    .param("closed", row.status().closed())
                    .param("description", row.description())
                    .param("notice", row.serviceNotice())
                    .param("address", row.location().address())
                    .param("addressId", row.location().addressId())
                    .param("zipcode", row.location().zipcode())
                    .param("lat", row.location().latitude())
                    .param("lon", row.location().longitude())
                    .param("ward", row.wardCode())
                    .param("channel", row.channel().name())
                    .param("attributes", json.writeValueAsString(row.answers()))
                    .param("requested", Timestamp.from(row.requestedAt()))
                    // Changed now, whenever the resident wrote: a client reading what changed since its last call
                    // finds a request filed from a message that waited.
                    .param("filed", Timestamp.from(row.filedAt()))
                    .param("expected", Timestamp.from(row.expectedAt()))
                    .param("department", row.departmentCode())
                    .param("supervisor", row.supervisorKey())
                    .param("language", row.language())
                    .param("civility", row.civility())
                    .param("public", row.publicDescription())
                    .param("private", row.locationPrivate())
                    .query((rs, n) -> new Created(rs.getLong(1), rs.getString(2), token))
                    .optional();
            if (created.isPresent()) {
                return created.get();
            }
        }
    }

    /**
     * Claims a submission key for the request about to be filed; when the key was claimed before, the request filed
     * under it. A claim made by a transaction still running is waited for (its row is locked until it ends).
     */
    Optional<SubmittedRequest> claimSubmission(String jurisdictionId, String key, Instant at) {
        int claimed = jdbc.sql(
                        """
                        insert into request_submission (jurisdiction_id, submission_key, at) values (:j, :key, :at)
                        on conflict do nothing""")
                .param("j", jurisdictionId)
                .param("key", key)
                .param("at", Timestamp.from(at))
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        select r.public_id, r.token, r.service_notice from request_submission s
                        join service_request r on r.id = s.request_id
                        where s.jurisdiction_id = :j and s.submission_key = :key""")
                .param("j", jurisdictionId)
                .param("key", key)
                .query((rs, n) ->
                        new SubmittedRequest(rs.getString(1), rs.getString(2), rs.getString(3), List.of(), 0, null))
                .optional();
    }

    void completeSubmission(String jurisdictionId, String key, long requestId) {
        jdbc.sql(
                        """
                        update request_submission set request_id = :id
                        where jurisdiction_id = :j and submission_key = :key""")
                .param("id", requestId)
                .param("j", jurisdictionId)
                .param("key", key)
                .update();
    }

    /** An archive's open request already past its due date is loaded breached, not escalated as a new breach. */
    static String importedSlaState(boolean closed, @Nullable Instant expectedAt, Instant now) {
        return !closed && expectedAt != null && !expectedAt.isAfter(now) ? "BREACHED" : "ON_TRACK";
    }

    /**
     * An imported description as the public reads it: without abusive words (the old system may have published them
     * as written) and without the phone numbers and email addresses it holds; null if it reads as it is.
     */
    static @Nullable String publicDescription(@Nullable String description, org.civic311.triage.Triage triage) {
        if (description == null) {
            return null;
        }
        String masked = org.civic311.common.PersonalDetails.masked(triage.masked(description));
        return masked.equals(description) ? null : masked;
    }

    /**
     * An imported status note, which is published as it is kept: without the phone numbers and email addresses it
     * holds. History comes from the city's own open data, so nothing staff need is lost.
     */
    static @Nullable String publicNotes(@Nullable String notes) {
        return notes == null ? null : org.civic311.common.PersonalDetails.masked(notes);
    }

    boolean insertHistorical(
            String jurisdictionId,
            HistoricalRequest r,
            ServiceType type,
            RequestStatus status,
            Location location,
            @Nullable String wardCode,
            @Nullable String departmentCode,
            @Nullable String publicDescription,
            Instant now) {
        Optional<Long> id = jdbc.sql(
                        """
                        insert into service_request (jurisdiction_id, public_id, token, service_code, service_name,
                            agency, status_code, closed, status_notes, description, service_notice, address,
                            address_id, zipcode, lat, lon, ward_code, channel, requested_at, updated_at, expected_at,
                            closed_at, department_code, description_public, location_private, sla_state)
                        values (:j, :publicId, :token, :code, :name, :agency, :status, :closed, :notes, :description,
                            :notice, :address, :addressId, :zipcode, :lat, :lon, :ward, 'IMPORT', :requested, :updated,
                            :expected, :closedAt, :department, :public, :private, :sla)
                        on conflict (jurisdiction_id, public_id) do nothing
                        returning id""")
                .param("j", jurisdictionId)
                .param("publicId", r.publicId())
                .param("token", UUID.randomUUID())
                .param("code", type.code())
                .param("name", r.serviceName() == null ? type.name() : r.serviceName())
                .param("agency", r.agency() == null ? type.agencyName() : r.agency())
                .param("status", status.code())
                .param("closed", status.closed())
                .param("notes", publicNotes(r.statusNotes()))
                .param("description", r.description())
                .param("public", publicDescription)
                .param("notice", r.serviceNotice())
                .param("address", location.address())
                .param("addressId", location.addressId())
                .param("zipcode", location.zipcode())
                .param("lat", location.latitude())
                .param("lon", location.longitude())
                .param("ward", wardCode)
                .param("requested", Timestamp.from(r.requestedAt()))
                .param("updated", timestamp(r.updatedAt()))
                .param("expected", timestamp(r.expectedAt()))
                .param("closedAt", status.closed() ? timestamp(r.updatedAt()) : null)
                .param("department", departmentCode)
                .param("private", type.privateLocation())
                .param("sla", importedSlaState(status.closed(), r.expectedAt(), now))
                .query(Long.class)
                .optional();
        id.ifPresent(requestId -> {
            if (r.mediaUrl() != null) {
                // A photo of a private place (a home) is for staff, as when a resident reports one today.
                insertMedia(requestId, List.of(r.mediaUrl()), !type.privateLocation());
            }
        });
        return id.isPresent();
    }

    /** The description as the reporter wrote it, for staff; the public view masks abusive words. */
    @Nullable
    String originalDescription(long requestId) {
        return jdbc.sql("select description from service_request where id = :id")
                .param("id", requestId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    void insertReporter(long requestId, Reporter reporter) {
        if (reporter.isAnonymous()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into request_reporter (request_id, first_name, last_name, email, phone, device_id,
                            account_id)
                        values (:id, :first, :last, :email, :phone, :device, :account)""")
                .param("id", requestId)
                .param("first", reporter.firstName())
                .param("last", reporter.lastName())
                .param("email", reporter.email())
                .param("phone", reporter.phone())
                .param("device", reporter.deviceId())
                .param("account", reporter.accountId())
                .update();
    }

    void insertMedia(long requestId, List<String> urls, boolean shown) {
        int position = 0;
        for (String url : urls) {
            jdbc.sql(
                            """
                            insert into request_media (request_id, position, url, public)
                            values (:id, :position, :url, :public)""")
                    .param("id", requestId)
                    .param("position", position++)
                    .param("url", url)
                    // A photo stored for staff (a private message's) is not shown whatever the type allows.
                    .param("public", shown && !org.civic311.media.MediaStore.isForStaff(url))
                    .update();
        }
    }

    /** Whether the author wrote a note of these words on the request since the moment. */
    boolean wroteSince(long requestId, String author, String text, Instant since) {
        return jdbc.sql(
                        """
                        select exists (select 1 from request_note where request_id = :id and author = :author
                            and text = :text and noted_at >= :since)""")
                .param("id", requestId)
                .param("author", author)
                .param("text", text)
                .param("since", Timestamp.from(since))
                .query(Boolean.class)
                .single();
    }

    long insertNote(long requestId, Note note, @Nullable String author) {
        return jdbc.sql(
                        """
                        insert into request_note
                            (request_id, noted_at, public, kind, status_code, text, author, retyped_to, retyped_due)
                        values (:id, :at, :public, :kind, :status, :text, :author, :retypedTo, :retypedDue)
                        returning id""")
                .param("id", requestId)
                .param("at", Timestamp.from(note.at()))
                .param("public", note.isPublic())
                .param("kind", note.kind())
                .param("status", note.statusCode())
                .param("text", note.text())
                .param("author", author)
                .param(
                        "retypedTo",
                        note.retyped() == null ? null : note.retyped().serviceName())
                .param(
                        "retypedDue",
                        timestamp(note.retyped() == null ? null : note.retyped().dueAt()))
                .query(Long.class)
                .single();
    }

    Optional<ServiceRequest> findByPublicId(String jurisdictionId, String publicId) {
        List<ServiceRequest> found = withMedia(jdbc.sql(SELECT + " where r.jurisdiction_id = :j and r.public_id = :id")
                .param("j", jurisdictionId)
                .param("id", publicId)
                .query(this::map)
                .list());
        return found.stream().findFirst();
    }

    /** Requests by internal id, in the order given. */
    List<ServiceRequest> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ServiceRequest> found = new HashMap<>();
        withMedia(jdbc.sql(SELECT + " where r.id = any(:ids)")
                        .param("ids", ids.toArray(Long[]::new))
                        .query(this::map)
                        .list())
                .forEach(r -> found.put(r.id(), r));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    Optional<String> publicIdOf(String jurisdictionId, long requestId) {
        return jdbc.sql("select public_id from service_request where id = :id and jurisdiction_id = :j")
                .param("id", requestId)
                .param("j", jurisdictionId)
                .query(String.class)
                .optional();
    }

    Optional<String> publicIdForToken(String jurisdictionId, String token) {
        UUID uuid;
        try {
            uuid = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("select public_id from service_request where jurisdiction_id = :j and token = :token")
                .param("j", jurisdictionId)
                .param("token", uuid)
                .query(String.class)
                .optional();
    }

    /** A request's answers; most requests have none, and skipping the JSON parser for them is a tenth of a search. */
    private Map<String, List<String>> answers(@Nullable String attributes) {
        return attributes == null || attributes.equals("{}") ? Map.of() : json.readValue(attributes, ANSWERS);
    }

    /**
     * A page of requests.
     *
     * @param privateTypes the codes of the types whose places are homes, as the catalogue in memory knows them
     */
    List<ServiceRequest> search(RequestSearch s, List<String> privateTypes) {
        boolean inArea = s.publicIds().isEmpty() && s.area() != null;
        StringBuilder sql = new StringBuilder(inArea ? SELECT_IN_AREA : SELECT).append(" where r.jurisdiction_id = :j");
        Map<String, Object> params = new HashMap<>();
        params.put("j", s.jurisdictionId());
        if (!s.publicIds().isEmpty()) {
            sql.append(" and r.public_id = any(:ids)");
            params.put("ids", s.publicIds().toArray(String[]::new));
        } else {
            if (s.serviceCodes().size() == 1) {
                // Equality, not any(): the type's index then gives the newest first without sorting.
                sql.append(" and r.service_code = :code");
                params.put("code", s.serviceCodes().getFirst());
            } else if (!s.serviceCodes().isEmpty()) {
                sql.append(" and r.service_code = any(:codes)");
                params.put("codes", s.serviceCodes().toArray(String[]::new));
            }
            if (s.closed() != null) {
                sql.append(" and r.closed = :closed");
                params.put("closed", s.closed());
            }
            if (s.wardCode() != null) {
                sql.append(" and r.ward_code = :ward");
                params.put("ward", s.wardCode());
            }
            range(sql, params, "r.requested_at", "requested", s.requestedFrom(), s.requestedTo());
            range(sql, params, "r.updated_at", "updated", s.updatedFrom(), s.updatedTo());
            if (inArea) {
                // Found by place, a private request would give its place away: such searches never find one.
                // The codes give the planner its estimate (a subquery's is five times too low, and brings back the
                // sort); the row check keeps a type made private a moment ago on another instance out all the same.
                sql.append(" and not r.location_private and r.service_code <> all(:privateTypes)")
                        .append(" and not exists (select 1 from service_type st where st.jurisdiction_id ="
                                + " r.jurisdiction_id and st.code = r.service_code and st.private_location)");
                params.put("privateTypes", privateTypes.toArray(String[]::new));
            }
            switch (s.area()) {
                case null -> {}
                case RequestSearch.Box box -> within(sql, params, box);
                case RequestSearch.Circle circle -> {
                    within(sql, params, circle.bounds());
                    sql.append(
                            """
                             and 2 * 6371008.8 * asin(sqrt(power(sin(radians(r.lat - :clat) / 2), 2)
                                 + cos(radians(:clat)) * cos(radians(r.lat)) * power(sin(radians(r.lon - :clon) / 2), 2)))
                                 <= :radius""");
                    params.put("clat", circle.latitude());
                    params.put("clon", circle.longitude());
                    params.put("radius", circle.radiusMetres());
                }
            }
        }
        // In an area, the newest first come from the place and time index, nearest in time to the far future.
        sql.append(
                inArea
                        ? " order by r.requested_at <-> '9999-12-31T00:00:00Z'::timestamptz, r.id desc"
                        : " order by r.requested_at desc, r.id desc");
        sql.append(" offset :offset limit :limit");
        params.put("offset", s.offset());
        params.put("limit", s.limit());
        return withMedia(
                publicReads,
                publicReads.sql(sql.toString()).params(params).query(this::map).list());
    }

    private static void range(
            StringBuilder sql,
            Map<String, Object> params,
            String column,
            String name,
            @Nullable Instant from,
            @Nullable Instant to) {
        if (from != null) {
            sql.append(" and ").append(column).append(" >= :").append(name).append("From");
            params.put(name + "From", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and ").append(column).append(" <= :").append(name).append("To");
            params.put(name + "To", Timestamp.from(to));
        }
    }

    private static void within(StringBuilder sql, Map<String, Object> params, RequestSearch.Box box) {
        sql.append(" and r.location <@ box(point(:minLon, :minLat), point(:maxLon, :maxLat))");
        params.put("minLon", box.minLongitude());
        params.put("minLat", box.minLatitude());
        params.put("maxLon", box.maxLongitude());
        params.put("maxLat", box.maxLatitude());
    }

    /**
     * The public notes written or corrected in a span, oldest first, each with the status its request had once it was
     * written (every public note carries it). A correction is in the span it was made in: a client that read the first
     * wording reads the second.
     */
    List<PublicUpdate> publicUpdates(String jurisdictionId, Instant from, Instant to, int limit) {
        return publicReads
                .sql(
                        """
                        select n.id, r.public_id, n.noted_at, n.text, n.status_code,
                               coalesce(n.status_code, r.status_code) as status_then,
                               n.corrected_at
                        from request_note n join service_request r on r.id = n.request_id
                        where n.public and coalesce(n.corrected_at, n.noted_at) >= :from
                          and coalesce(n.corrected_at, n.noted_at) < :to and r.jurisdiction_id = :j
                        order by coalesce(n.corrected_at, n.noted_at), n.id
                        limit :limit""")
                .param("j", jurisdictionId)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .param("limit", limit)
                .query((rs, row) -> new PublicUpdate(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    Map<Long, List<Note>> publicNotes(List<Long> requestIds) {
        Map<Long, List<Note>> notes = new LinkedHashMap<>();
        if (requestIds.isEmpty()) {
            return notes;
        }
        jdbc.sql(
                        """
                        select request_id, noted_at, kind, status_code, text, corrected_at, retyped_to, retyped_due
                        from request_note
                        where request_id = any(:ids) and public order by request_id, noted_at, id""")
                .param("ids", requestIds.toArray(Long[]::new))
                .query(rs -> {
                    notes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Note(
                                    rs.getTimestamp(2).toInstant(),
                                    true,
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    instant(rs.getTimestamp(6)),
                                    rs.getString(7) == null
                                            ? null
                                            : new RequestStatusChanged.Retyped(
                                                    rs.getString(7), instant(rs.getTimestamp(8)))));
                });
        return notes;
    }

    private List<ServiceRequest> withMedia(List<ServiceRequest> requests) {
        return withMedia(jdbc, requests);
    }

    private List<ServiceRequest> withMedia(JdbcClient from, List<ServiceRequest> requests) {
        if (requests.isEmpty()) {
            return requests;
        }
        Map<Long, List<String>> media = new HashMap<>();
        Map<Long, List<String>> hidden = new HashMap<>();
        from.sql("select request_id, url, public from request_media where request_id = any(:ids)"
                        + " order by request_id, position")
                .param("ids", requests.stream().map(ServiceRequest::id).toArray(Long[]::new))
                .query(rs -> {
                    media.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    if (!rs.getBoolean(3)) {
                        hidden.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(rs.getString(2));
                    }
                });
        return requests.stream()
                .map(r -> media.containsKey(r.id())
                        ? r.withMediaUrls(media.get(r.id()), hidden.getOrDefault(r.id(), List.of()))
                        : r)
                .toList();
    }

    private ServiceRequest map(ResultSet rs, int row) throws SQLException {
        return new ServiceRequest(
                rs.getLong("id"),
                rs.getString("jurisdiction_id"),
                rs.getString("public_id"),
                rs.getString("token"),
                rs.getString("service_code"),
                rs.getString("service_name"),
                rs.getString("agency"),
                rs.getString("status_code"),
                rs.getBoolean("closed"),
                rs.getString("status_notes"),
                rs.getString("description"),
                rs.getString("service_notice"),
                new Location(
                        (Double) rs.getObject("lat"),
                        (Double) rs.getObject("lon"),
                        rs.getString("address"),
                        rs.getString("address_id"),
                        rs.getString("zipcode")),
                rs.getString("ward_code"),
                Channel.valueOf(rs.getString("channel")),
                answers(rs.getString("attributes")),
                List.of(),
                rs.getTimestamp("requested_at").toInstant(),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("expected_at")),
                instant(rs.getTimestamp("closed_at")),
                rs.getString("parent_public_id"),
                rs.getString("department_code"),
                rs.getString("assignee"),
                rs.getString("resolution") == null ? null : Resolution.valueOf(rs.getString("resolution")),
                SlaState.valueOf(rs.getString("sla_state")),
                rs.getInt("repeat_count"),
                rs.getBoolean("location_private"),
                List.of());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
