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
                        select kind, reason, caller_name, caller_phone, started_at, ended_at from contact
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
        return jdbc.sql(
                        """
                        update contact set caller_name = null, caller_phone = null
                        where jurisdiction_id = :j and %s"""
                                .formatted(resident.matches("caller_phone")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
    }

    @Override
    public int anonymiseFinishedBefore(Instant cutoff) {
        return jdbc.sql(
                        """
                        update contact set caller_name = null, caller_phone = null
                        where ended_at < :cutoff and (caller_name is not null or caller_phone is not null)""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
