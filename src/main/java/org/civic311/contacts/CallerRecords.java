package org.civic311.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who called or walked in, when they agreed to leave a name and number. */
@Component("contactCallerRecords")
class CallerRecords implements PersonalRecords {

    private final JdbcClient jdbc;

    CallerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "calls and visits";
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        if (resident.kind() != ResidentAddress.Kind.PHONE) {
            return List.of(); // a call is kept with a number, never an email address or an account
        }
        return jdbc.sql(
                        """
                        select kind, reason, caller_name, caller_phone, started_at, ended_at, wrap_up, wrap_up_note
                        from contact
                        where jurisdiction_id = :j and %s order by started_at"""
                                .formatted(resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows();
    }

    @Override
    public int erase(String jurisdictionId, ResidentAddress resident) {
        if (resident.kind() != ResidentAddress.Kind.PHONE) {
            return 0;
        }
        maskFreeText(jdbc.sql(
                        """
                        select id, caller_name, reason, wrap_up_note from contact
                        where jurisdiction_id = :j and %s"""
                                .formatted(resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows());
        return jdbc.sql(
                        """
                        update contact set caller_name = null, caller_phone = null
                        where jurisdiction_id = :j and %s"""
                                .formatted(resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
    }

    /** What the agent typed of the call (its reason, the wrap-up note) loses the caller's name and numbers too. */
    private void maskFreeText(List<Map<String, Object>> calls) {
        for (Map<String, Object> call : calls) {
            String name = (String) call.get("caller_name");
            List<String> names = name == null ? List.of() : List.of(name);
            String reason = masked((String) call.get("reason"), names);
            String note = masked((String) call.get("wrap_up_note"), names);
            if (!java.util.Objects.equals(reason, call.get("reason"))
                    || !java.util.Objects.equals(note, call.get("wrap_up_note"))) {
                jdbc.sql("update contact set reason = :reason, wrap_up_note = :note where id = :id")
                        .param("reason", reason)
                        .param("note", note)
                        .param("id", call.get("id"))
                        .update();
            }
        }
    }

    private static @org.jspecify.annotations.Nullable String masked(
            @org.jspecify.annotations.Nullable String text, List<String> names) {
        return text == null
                ? null
                : org.civic311.common.PersonalDetails.withoutNames(
                        org.civic311.common.PersonalDetails.masked(text), names);
    }

    @Override
    public int anonymiseFinishedBefore(Instant cutoff) {
        maskFreeText(jdbc.sql(
                        """
                        select id, caller_name, reason, wrap_up_note from contact
                        where coalesce(ended_at, started_at) < :cutoff
                          and (caller_name is not null or caller_phone is not null)""")
                .param("cutoff", Timestamp.from(cutoff))
                .query()
                .listOfRows());
        return jdbc.sql(
                        """
                        update contact set caller_name = null, caller_phone = null
                        where coalesce(ended_at, started_at) < :cutoff
                          and (caller_name is not null or caller_phone is not null)""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
