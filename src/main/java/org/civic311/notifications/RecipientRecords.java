package org.civic311.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The messages sent to residents: their address and words, each belonging to a request or an inquiry. */
@Component
class RecipientRecords implements PersonalRecords {

    /** The jurisdiction's messages: those about its requests and its inquiries. */
    private static final String OF_JURISDICTION =
            """
            (request_id in (select id from service_request where jurisdiction_id = :j)
             or inquiry_reference in (select reference from inquiry where jurisdiction_id = :j))""";

    private final JdbcClient jdbc;

    RecipientRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "messages sent";
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        return jdbc.sql(
                        """
                        select channel, recipient, subject, body_text, created_at, sent_at from notification
                        where %s and %s order by created_at"""
                                .formatted(resident.matches("recipient"), OF_JURISDICTION))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows();
    }

    @Override
    @Transactional
    public int erase(String jurisdictionId, ResidentAddress resident) {
        // Nothing more goes out to a resident who asked to be forgotten; what went out keeps no trace of them.
        int unsent = jdbc.sql("delete from notification where sent_at is null and " + resident.matches("recipient")
                        + " and " + OF_JURISDICTION)
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        return unsent
                + jdbc.sql(
                                """
                                update notification set recipient = :erased, subject = :erased, body_text = :erased,
                                    body_html = null
                                where %s and %s"""
                                        .formatted(resident.matches("recipient"), OF_JURISDICTION))
                        .param("j", jurisdictionId)
                        .param("erased", ERASED)
                        .param("resident", resident.value())
                        .update();
    }

    @Override
    public int anonymiseFinishedBefore(Instant cutoff) {
        return jdbc.sql(
                        """
                        update notification set recipient = :erased, subject = :erased, body_text = :erased,
                            body_html = null
                        where sent_at < :cutoff and recipient <> :erased""")
                .param("erased", ERASED)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
