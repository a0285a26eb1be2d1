package org.civic311.inquiries;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
        return jdbc.sql(
                        """
                        update inquiry set caller_name = null, caller_phone = null, caller_email = null
                        where jurisdiction_id = :j and (%s or %s)"""
                                .formatted(resident.matches("caller_email"), resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
    }

    @Override
    public int anonymiseFinishedBefore(Instant cutoff) {
        return jdbc.sql(
                        """
                        update inquiry set caller_name = null, caller_phone = null, caller_email = null
                        where status = 'CLOSED' and closed_at < :cutoff
                          and (caller_name is not null or caller_phone is not null or caller_email is not null)""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
