package org.civic311.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The messages sent to residents: their address and words, each belonging to a request or an inquiry. Erased before
 * the other modules' records, as a reply to a resident's post is found through the follower row that ends with them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecipientRecords implements PersonalRecords {

    /** The jurisdiction's messages: those about its requests and its inquiries, and the inbox's replies. */
    private static final String OF_JURISDICTION =
            """
            (request_id in (select id from service_request where jurisdiction_id = :j)
             or inquiry_reference in (select reference from inquiry where jurisdiction_id = :j)
             or idempotency_key in (select m.outbox_key from conversation_message m
                                    join conversation c on c.id = m.conversation_id
                                    where c.jurisdiction_id = :j and m.outbox_key is not null))""";

    private final JdbcClient jdbc;

    private final java.time.Clock clock;

    RecipientRecords(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "messages sent";
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        // Those addressed to them, and those addressed to their posts on X or Mastodon, as an erasure finds them:
        // updates on a request they follow from a post, and agents' replies in their conversation.
        return jdbc.sql(
                        """
                        select n.channel, n.recipient, n.subject, n.body_text, n.created_at, n.sent_at
                        from notification n
                        where (%s and %s)
                           or exists (select 1 from request_follower f
                                      where f.request_id = n.request_id and f.channel = n.channel
                                        and f.address = n.recipient and %s
                                        and n.request_id in (select id from service_request where jurisdiction_id = :j))
                           or exists (select 1 from conversation_message m join conversation c on c.id = m.conversation_id
                                      where n.idempotency_key = m.outbox_key and c.jurisdiction_id = :j and %s)
                        order by n.created_at"""
                                .formatted(
                                        resident.matches("n.recipient"),
                                        OF_JURISDICTION,
                                        resident.matches("f.resident"),
                                        resident.matches("c.resident")))
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
        // Nor a reply to their post on X or Mastodon, addressed to the post rather than to them: found through the
        // follower, whose row the requests' erasure deletes after this one (hence the order).
        unsent += jdbc.sql(
                        """
                        delete from notification n using request_follower f
                        where n.sent_at is null and f.request_id = n.request_id and f.channel = n.channel
                          and f.address = n.recipient and %s
                          and n.request_id in (select id from service_request where jurisdiction_id = :j)"""
                                .formatted(resident.matches("f.resident")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        // Nor an agent's reply in their conversation on X or Mastodon, addressed to their post too: found by the
        // conversation's outbox key, before the conversations' erasure lets go of who wrote it.
        unsent += jdbc.sql(
                        """
                        delete from notification n using conversation_message m, conversation c
                        where n.sent_at is null and n.idempotency_key = m.outbox_key and m.conversation_id = c.id
                          and c.jurisdiction_id = :j and %s"""
                                .formatted(resident.matches("c.resident")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .update();
        int blanked = blank(jurisdictionId, resident, "", resident.matches("recipient") + " and " + OF_JURISDICTION);
        // What went out to their posts keeps no trace of them either: a Mastodon reply begins with their account.
        blanked += blank(
                jurisdictionId,
                resident,
                "from request_follower f",
                """
                f.request_id = n.request_id and f.channel = n.channel and f.address = n.recipient and %s
                  and n.request_id in (select id from service_request where jurisdiction_id = :j)"""
                        .formatted(resident.matches("f.resident")));
        blanked += blank(
                jurisdictionId,
                resident,
                "from conversation_message m, conversation c",
                """
                n.idempotency_key = m.outbox_key and m.conversation_id = c.id and c.jurisdiction_id = :j and %s"""
                        .formatted(resident.matches("c.resident")));
        return unsent + blanked;
    }

    /** Blanks the messages the condition finds (on {@code n}, joined to {@code from}): they keep no trace of them. */
    private int blank(String jurisdictionId, ResidentAddress resident, String from, String where) {
        return jdbc.sql(
                        """
                        update notification n set recipient = :erased, subject = :erased, body_text = :erased,
                            body_html = null, last_error = null
                        %s where %s"""
                                .formatted(from, where))
                .param("j", jurisdictionId)
                .param("erased", ERASED)
                .param("resident", resident.value())
                .update();
    }

    @Override
    public int anonymiseFinishedBefore(Instant cutoff) {
        // A link to confirm following goes to an address typed by anyone: once it has expired, the address is let go
        // of here as the follower waiting for it is.
        int links = jdbc.sql(
                        """
                        update notification set recipient = :erased, subject = :erased, body_text = :erased,
                            body_html = null, last_error = case when sent_at is null then 'the link expired' end,
                            failed_at = case when sent_at is null then coalesce(failed_at, :now) else failed_at end
                        where idempotency_key like 'follow-confirm:%' and created_at < :expired
                          and recipient <> :erased""")
                .param("erased", ERASED)
                .param("now", Timestamp.from(clock.instant()))
                .param(
                        "expired",
                        Timestamp.from(
                                clock.instant().minus(org.civic311.requests.FollowConfirmationRequested.VALID_FOR)))
                .update();
        return links
                + jdbc.sql(
                                """
                        update notification set recipient = :erased, subject = :erased, body_text = :erased,
                            body_html = null, last_error = null
                        where coalesce(sent_at, failed_at) < :cutoff and recipient <> :erased""")
                        .param("erased", ERASED)
                        .param("cutoff", Timestamp.from(cutoff))
                        .update();
    }
}
