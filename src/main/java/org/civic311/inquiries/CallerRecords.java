package org.civic311.inquiries;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who asked an inquiry and how to call them back. */
@Component
class CallerRecords implements PersonalRecords {

    private final JdbcClient jdbc;

    CallerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "inquiries";
    }

    @Override
    public List<String> otherAddresses(String jurisdictionId, ResidentAddress resident) {
        return jdbc
                .sql(
                        """
                        select distinct unnest(array[caller_email, caller_phone]) from inquiry
                        where jurisdiction_id = :j and (%s or %s)"""
                                .formatted(resident.matches("caller_email"), resident.matches("caller_phone")))
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
        return jdbc.sql(
                        """
                        select reference, question, caller_name, caller_phone, caller_email, status, created_at,
                            closed_at
                        from inquiry where jurisdiction_id = :j and (%s or %s) order by created_at"""
                                .formatted(resident.matches("caller_email"), resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows();
    }

    @Override
    public int erase(String jurisdictionId, ResidentAddress resident) {
        String callers = "jurisdiction_id = :j and (%s or %s)"
                .formatted(resident.matches("caller_email"), resident.matches("caller_phone"));
        // What was said stays as the city's record, without the caller's name and numbers written into it.
        maskWrittenOf(jdbc.sql("select id, caller_name from inquiry where " + callers)
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows());
        return jdbc.sql("update inquiry set caller_name = null, caller_phone = null, caller_email = null where "
                        + callers)
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
    }

    /** Each inquiry's words written by 311 (the question, the answers, the callbacks) without its caller in them. */
    private void maskWrittenOf(List<Map<String, Object>> asked) {
        for (Map<String, Object> inquiry : asked) {
            List<String> names = Collections.singletonList((String) inquiry.get("caller_name"));
            Object id = inquiry.get("id");
            maskWritten(
                    "select id, question as text from inquiry where id = :inquiry",
                    "update inquiry set question = :text where id = :id",
                    id,
                    names);
            maskWritten(
                    "select id, resolution as text from inquiry where id = :inquiry and resolution is not null",
                    "update inquiry set resolution = :text where id = :id",
                    id,
                    names);
            maskWritten(
                    "select id, outcome as text from callback_promise where inquiry_id = :inquiry and outcome is not null",
                    "update callback_promise set outcome = :text where id = :id",
                    id,
                    names);
            maskWritten(
                    "select id, note as text from follow_up where inquiry_id = :inquiry and note is not null",
                    "update follow_up set note = :text where id = :id",
                    id,
                    names);
            // What an agent wrote of trying to reach them ("left a voicemail with his daughter Ana").
            maskWritten(
                    "select id, last_attempt as text from follow_up where inquiry_id = :inquiry"
                            + " and last_attempt is not null",
                    "update follow_up set last_attempt = :text where id = :id",
                    id,
                    names);
        }
    }

    private void maskWritten(String select, String update, Object inquiry, List<String> names) {
        for (Map<String, Object> row :
                jdbc.sql(select).param("inquiry", inquiry).query().listOfRows()) {
            String text = (String) row.get("text");
            String masked = PersonalDetails.withoutNames(PersonalDetails.masked(text), names);
            if (!masked.equals(text)) {
                jdbc.sql(update)
                        .param("text", masked)
                        .param("id", row.get("id"))
                        .update();
            }
        }
    }

    /**
     * Closed before the cutoff, or left open since before it (an inquiry nobody closed is no reason to keep its caller
     * for ever): the words 311 wrote lose the caller's name and numbers first, while the name is there to find.
     */
    @Override
    @Transactional
    public int anonymiseFinishedBefore(Instant cutoff) {
        String finished =
                """
                coalesce(closed_at, created_at) < :cutoff
                  and (caller_name is not null or caller_phone is not null or caller_email is not null)""";
        maskWrittenOf(jdbc.sql("select id, caller_name from inquiry where " + finished)
                .param("cutoff", Timestamp.from(cutoff))
                .query()
                .listOfRows());
        return jdbc.sql("update inquiry set caller_name = null, caller_phone = null, caller_email = null where "
                        + finished)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
