package org.civic311.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.AttributeDatatype;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.civic311.media.MediaStore;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Who reported a request and who follows it: the requests module's personal data. */
@Component
class ReporterRecords implements PersonalRecords {

    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final MediaStore media;
    private final JsonMapper json;
    private final org.springframework.transaction.support.TransactionTemplate eachBatch;
    private final java.time.Clock clock;

    ReporterRecords(
            JdbcClient jdbc,
            Catalog catalog,
            MediaStore media,
            JsonMapper json,
            org.springframework.transaction.PlatformTransactionManager transactions,
            java.time.Clock clock) {
        this.clock = clock;
        this.eachBatch = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.eachBatch.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.media = media;
        this.json = json;
    }

    @Override
    public String kind() {
        return "service requests";
    }

    /** The condition that a request's reporter is the resident: by email, phone or account. */
    private static String reported(ResidentAddress resident) {
        return "(" + resident.matches("r.email") + " or " + resident.matches("r.phone") + " or "
                + resident.matchesAccount("r.account_id") + " or " + resident.matchesDevice("r.device_id") + ")";
    }

    @Override
    public List<String> otherAddresses(String jurisdictionId, ResidentAddress resident) {
        return jdbc
                .sql(
                        """
                        select distinct unnest(array[r.email, r.phone]) from request_reporter r
                        join service_request s on s.id = r.request_id
                        where s.jurisdiction_id = :j and %s"""
                                .formatted(reported(resident)))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query(String.class)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        List<Map<String, Object>> records = new ArrayList<>(jdbc.sql(
                        """
                        select 'reported' as relation, s.public_id, s.service_code, s.status_code, s.description,
                            s.attributes::text as answers, s.address, s.requested_at, s.closed_at, r.first_name,
                            r.last_name, r.email, r.phone, r.device_id, r.account_id,
                            -- The photos they sent, as the media store serves them to staff.
                            (select string_agg(m.url, ' ' order by m.position) from request_media m
                             where m.request_id = s.id) as photos
                        from request_reporter r join service_request s on s.id = r.request_id
                        where s.jurisdiction_id = :j and %s
                        order by s.requested_at"""
                                .formatted(reported(resident)))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows());
        records.addAll(jdbc.sql(
                        """
                        select 'follows' as relation, s.public_id, s.service_code, s.status_code, f.channel,
                            f.address as follower_address, f.since
                        from request_follower f join service_request s on s.id = f.request_id
                        where s.jurisdiction_id = :j and (%s or %s)
                        order by f.since"""
                                .formatted(resident.matches("f.address"), resident.matches("f.resident")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows());
        return records;
    }

    @Override
    @Transactional
    public int erase(String jurisdictionId, ResidentAddress resident) {
        jdbc.sql(WRITTEN + " where s.jurisdiction_id = :j and " + reported(resident))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows()
                .forEach(this::maskWritten);
        // The photos they sent go with them, as those sent in a conversation do: the rows now, the files once the
        // erasure is committed, so that a rollback leaves nothing pointing at a missing file.
        List<String> photos = jdbc.sql(
                        """
                        delete from request_media m using request_reporter r, service_request s
                        where m.request_id = r.request_id and s.id = r.request_id and s.jurisdiction_id = :j and %s
                        returning m.url"""
                                .formatted(reported(resident)))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query(String.class)
                .list();
        media.deleteOnceCommitted(photos);
        // Changed: mirrors of the public record (Open311's updated_after, open data's changed_since) fetch it again,
        // without what was masked.
        jdbc.sql(
                        """
                        update service_request s set updated_at = :now from request_reporter r
                        where s.id = r.request_id and s.jurisdiction_id = :j and %s"""
                                .formatted(reported(resident)))
                .param("now", Timestamp.from(clock.instant()))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        int reporters = jdbc.sql(
                        """
                        update request_reporter r set first_name = null, last_name = null, email = null, phone = null,
                            device_id = null, account_id = null
                        from service_request s
                        where s.id = r.request_id and s.jurisdiction_id = :j and %s"""
                                .formatted(reported(resident)))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        int follows = jdbc.sql(
                        """
                        delete from request_follower f using service_request s
                        where s.id = f.request_id and s.jurisdiction_id = :j and (%s or %s)"""
                                .formatted(resident.matches("f.address"), resident.matches("f.resident")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        return reporters + follows;
    }

    /** What a request's reporter wrote and is named by, read for {@link #maskWritten}. */
    private static final String WRITTEN =
            """
            select s.id, s.jurisdiction_id, s.service_code, s.description, s.description_public, s.status_notes,
                s.attributes::text as answers, r.first_name, r.last_name, s.location_private, s.address, s.lat, s.lon
            from request_reporter r join service_request s on s.id = r.request_id""";

    /**
     * What they wrote stays as the city's record of the problem, without the numbers, addresses and their own names
     * in it that would still lead to them: the description as staff read it and as the public does (which may also
     * hide abuse), staff's notes, and the answers typed in words.
     */
    private void maskWritten(Map<String, Object> request) {
        long id = (Long) request.get("id");
        boolean home = Boolean.TRUE.equals(request.get("location_private"));
        List<String> names = Arrays.asList((String) request.get("first_name"), (String) request.get("last_name"));
        // Staff's notes on the request, public or not, may repeat the resident's name or number ("called Maria back on
        // 416-555-0199"), as may the latest public note the request shows.
        maskNotes(id, (String) request.get("status_notes"), names);
        maskAnswers(
                id,
                (String) request.get("jurisdiction_id"),
                (String) request.get("service_code"),
                (String) request.get("answers"),
                names,
                home);
        String address = (String) request.get("address");
        if (home) {
            withoutTheDoor(id, address, (Double) request.get("lat"), (Double) request.get("lon"));
        }
        String description = (String) request.get("description");
        if (description == null) {
            return;
        }
        String published = (String) request.get("description_public");
        String masked = PersonalDetails.withoutNames(
                home ? PersonalDetails.withoutHome(description, address) : PersonalDetails.masked(description), names);
        String maskedPublished =
                published == null ? masked : PersonalDetails.withoutNames(PersonalDetails.masked(published), names);
        if (!masked.equals(description) || !maskedPublished.equals(published == null ? description : published)) {
            jdbc.sql("update service_request set description = :masked, description_public = :public where id = :id")
                    .param("masked", masked)
                    .param("public", maskedPublished.equals(masked) ? null : maskedPublished)
                    .param("id", id)
                    .update();
        }
    }

    /**
     * A report about the resident's own home keeps, once they are let go of, only what the public reads of its place:
     * its street and area, not its door, postal code or unit (a tenant is found by "88 Harbord St, unit 3" as surely
     * as by their name).
     */
    private void withoutTheDoor(long id, @Nullable String address, @Nullable Double lat, @Nullable Double lon) {
        jdbc.sql(
                        """
                        update service_request set address = :street, lat = :lat, lon = :lon, address_id = null,
                            zipcode = null
                        where id = :id""")
                // A door written otherwise than before the street ("unit 3, 88 Harbord") is masked where it stands.
                .param(
                        "street",
                        address == null
                                ? null
                                : java.util.Objects.requireNonNullElse(
                                        ServiceRequest.street(address), PersonalDetails.withoutHome(address, address)))
                .param("lat", ServiceRequest.cell(lat))
                .param("lon", ServiceRequest.cell(lon))
                .param("id", id)
                .update();
    }

    /** The answers typed in words ("the landlord, Mr Haddad, at 416-…"); chosen values and numbers stay. */
    private void maskAnswers(
            long requestId,
            String jurisdictionId,
            String serviceCode,
            @Nullable String answers,
            List<String> names,
            boolean home) {
        if (answers == null || answers.equals("{}")) {
            return;
        }
        java.util.Set<String> inWords = catalog.serviceType(jurisdictionId, serviceCode).stream()
                .flatMap(type ->
                        java.util.stream.Stream.concat(type.questions().stream(), type.retiredQuestions().stream()))
                .filter(q -> q.datatype() == AttributeDatatype.STRING || q.datatype() == AttributeDatatype.TEXT)
                .map(ServiceAttribute::code)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, List<String>> given = json.readValue(answers, ANSWERS);
        Map<String, List<String>> masked = new java.util.LinkedHashMap<>();
        given.forEach((code, values) -> {
            if (!inWords.contains(code)) {
                masked.put(code, values);
            } else if (!home) {
                masked.put(
                        code,
                        values.stream()
                                .map(v -> PersonalDetails.withoutNames(PersonalDetails.masked(v), names))
                                .toList());
            }
            // About a home, words typed ("unit 3, the side door") go: they would lead to it.
        });
        if (!masked.equals(given)) {
            jdbc.sql("update service_request set attributes = cast(:answers as jsonb) where id = :id")
                    .param("answers", json.writeValueAsString(masked))
                    .param("id", requestId)
                    .update();
        }
    }

    /**
     * Masks the resident's names and contact details in one text column of a request's rows.
     *
     * @param alsoSet what else such a row's update sets, after a comma (empty for nothing)
     */
    private void maskRows(String table, String column, long requestId, List<String> names, String alsoSet) {
        List<Map<String, Object>> rows = jdbc.sql(
                        "select id, " + column + " as text from " + table + " where request_id = :id")
                .param("id", requestId)
                .query()
                .listOfRows();
        for (Map<String, Object> row : rows) {
            String text = (String) row.get("text");
            String masked = text == null ? null : PersonalDetails.withoutNames(PersonalDetails.masked(text), names);
            if (masked != null && !masked.equals(text)) {
                jdbc.sql("update " + table + " set " + column + " = :text" + alsoSet + " where id = :id")
                        .params(alsoSet.isEmpty() ? Map.of() : Map.of("now", Timestamp.from(clock.instant())))
                        .param("text", masked)
                        .param("id", row.get("id"))
                        .update();
            }
        }
    }

    private void maskNotes(long requestId, @Nullable String statusNotes, List<String> names) {
        // A public note masked is a correction, which clients of the updates feed read again in place of the first.
        maskRows(
                "request_note",
                "text",
                requestId,
                names,
                ", corrected_at = case when public then :now else corrected_at end");
        // The audit trail repeats what staff wrote of why (a transfer's, a return's): it loses them too.
        maskRows("request_audit", "detail", requestId, names, "");
        if (statusNotes != null) {
            String masked = PersonalDetails.withoutNames(PersonalDetails.masked(statusNotes), names);
            if (!masked.equals(statusNotes)) {
                jdbc.sql("update service_request set status_notes = :notes where id = :id")
                        .param("notes", masked)
                        .param("id", requestId)
                        .update();
            }
        }
    }

    /**
     * A request finished before the cutoff: closed then, or left open and untouched since, by staff or by a resident
     * following it (work nobody will do keeps its reporter no longer than work done).
     */
    private static final String FINISHED_BEFORE =
            """
            ((s.closed and s.closed_at < :cutoff) or (not s.closed and s.updated_at < :cutoff
                and not exists (select 1 from request_audit a where a.request_id = s.id and a.at >= :cutoff)
                and not exists (select 1 from request_follower f
                                where f.request_id = s.id and coalesce(f.confirmed_at, f.since) >= :cutoff)))""";

    @Override
    @Transactional
    public int anonymiseFinishedBefore(Instant cutoff) {
        // What they wrote loses what named them, as at an erasure, before the names it is masked by are let go of; a
        // thousand requests at a time, in order, each thousand committed on its own: the first run after a long pause
        // may find millions, and holds neither them nor their locks all at once.
        int reporters = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Map<String, Object>> written = jdbc.sql(WRITTEN
                            + " where s.id > :after and " + FINISHED_BEFORE + " and (r.first_name is not null"
                            + " or r.last_name is not null or r.email is not null or r.phone is not null"
                            + " or r.device_id is not null or r.account_id is not null) order by s.id limit 1000")
                    .param("after", from)
                    .param("cutoff", Timestamp.from(cutoff))
                    .query()
                    .listOfRows();
            if (written.isEmpty()) {
                break;
            }
            Long[] ids = written.stream().map(row -> (Long) row.get("id")).toArray(Long[]::new);
            reporters += java.util.Objects.requireNonNull(eachBatch.execute(status -> {
                written.forEach(this::maskWritten);
                // Their followers now, before the change below makes open work look touched.
                jdbc.sql("delete from request_follower where request_id = any(:ids)")
                        .param("ids", ids)
                        .update();
                jdbc.sql("update service_request set updated_at = :now where id = any(:ids)")
                        .param("now", Timestamp.from(clock.instant()))
                        .param("ids", ids)
                        .update();
                // The photos staff alone see (sent in a private message, or of a home) go with the reporter; those
                // published were judged to give nothing away, and stay with the public record.
                media.deleteOnceCommitted(jdbc.sql(
                                """
                                delete from request_media where request_id = any(:ids) and url like '/staff/media/%'
                                returning url""")
                        .param("ids", ids)
                        .query(String.class)
                        .list());
                return jdbc.sql(
                                """
                                update request_reporter set first_name = null, last_name = null, email = null,
                                    phone = null, device_id = null, account_id = null
                                where request_id = any(:ids)""")
                        .param("ids", ids)
                        .update();
            }));
            after = ids[ids.length - 1];
        }
        int follows = jdbc.sql(
                        """
                        delete from request_follower f using service_request s
                        where s.id = f.request_id and """
                                + FINISHED_BEFORE)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
        // An address typed for following and never confirmed may be a stranger's: it goes once its link has expired,
        // whether or not the request is finished.
        int unconfirmed = jdbc.sql(
                        """
                        delete from request_follower
                        where confirm_token is not null and confirmed_at is null and since < :expired""")
                .param("expired", Timestamp.from(clock.instant().minus(FollowConfirmationRequested.VALID_FOR)))
                .update();
        return reporters + follows + unconfirmed;
    }
}
