package org.civic311.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who reported a request and who follows it: the requests module's personal data. */
@Component
class ReporterRecords implements PersonalRecords {

    private final JdbcClient jdbc;

    ReporterRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "service requests";
    }

    /** The condition that a request's reporter is the resident: by email, phone or account. */
    private static String reported(ResidentAddress resident) {
        return "(" + resident.matches("r.email") + " or " + resident.matches("r.phone") + " or "
                + resident.matchesAccount("r.account_id") + ")";
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        List<Map<String, Object>> records = new ArrayList<>(jdbc.sql(
                        """
                        select 'reported' as relation, s.public_id, s.service_code, s.status_code, s.description,
                            s.address, s.requested_at, s.closed_at, r.first_name, r.last_name, r.email, r.phone,
                            r.device_id, r.account_id
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
        // What they wrote stays as the city's record of the problem, without the numbers, addresses and their own
        // names in it that would still lead to them: staff read the description as written, so it is masked too, and
        // so is what the public reads (which may also hide abuse).
        List<Map<String, Object>> written = jdbc.sql(
                        """
                        select s.id, s.description, s.description_public, s.status_notes, r.first_name, r.last_name
                        from request_reporter r join service_request s on s.id = r.request_id
                        where s.jurisdiction_id = :j and %s"""
                                .formatted(reported(resident)))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows();
        for (Map<String, Object> request : written) {
            List<String> names = Arrays.asList((String) request.get("first_name"), (String) request.get("last_name"));
            // Staff's notes on the request, public or not, may repeat the resident's name or number ("called Maria
            // back on 416-555-0199"), as may the latest public note the request shows.
            maskNotes((Long) request.get("id"), (String) request.get("status_notes"), names);
            String description = (String) request.get("description");
            if (description == null) {
                continue;
            }
            String published = (String) request.get("description_public");
            String masked = PersonalDetails.withoutNames(PersonalDetails.masked(description), names);
            String maskedPublished =
                    published == null ? masked : PersonalDetails.withoutNames(PersonalDetails.masked(published), names);
            if (!masked.equals(description) || !maskedPublished.equals(published == null ? description : published)) {
                jdbc.sql(
                                "update service_request set description = :masked, description_public = :public where id = :id")
                        .param("masked", masked)
                        .param("public", maskedPublished.equals(masked) ? null : maskedPublished)
                        .param("id", request.get("id"))
                        .update();
            }
        }
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

    private void maskNotes(long requestId, @Nullable String statusNotes, List<String> names) {
        List<Map<String, Object>> notes = jdbc.sql("select id, text from request_note where request_id = :id")
                .param("id", requestId)
                .query()
                .listOfRows();
        for (Map<String, Object> note : notes) {
            String text = (String) note.get("text");
            String masked = text == null ? null : PersonalDetails.withoutNames(PersonalDetails.masked(text), names);
            if (masked != null && !masked.equals(text)) {
                jdbc.sql("update request_note set text = :text where id = :id")
                        .param("text", masked)
                        .param("id", note.get("id"))
                        .update();
            }
        }
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

    @Override
    @Transactional
    public int anonymiseFinishedBefore(Instant cutoff) {
        int reporters = jdbc.sql(
                        """
                        update request_reporter r set first_name = null, last_name = null, email = null, phone = null,
                            device_id = null, account_id = null
                        from service_request s
                        where s.id = r.request_id and s.closed and s.closed_at < :cutoff
                          and (r.first_name is not null or r.last_name is not null or r.email is not null
                               or r.phone is not null or r.device_id is not null or r.account_id is not null)""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
        int follows = jdbc.sql(
                        """
                        delete from request_follower f using service_request s
                        where s.id = f.request_id and s.closed and s.closed_at < :cutoff""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
        return reporters + follows;
    }
}
