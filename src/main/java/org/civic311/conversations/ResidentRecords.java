package org.civic311.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' conversations with 311: who they are in the channel (their handle, address or number, also the key of
 * an SMS thread), their words and their photos. Staff replies stay, as the city's own record.
 */
@Component
class ResidentRecords implements PersonalRecords {

    private final JdbcClient jdbc;
    private final org.civic311.media.MediaStore media;

    ResidentRecords(JdbcClient jdbc, org.civic311.media.MediaStore media) {
        this.jdbc = jdbc;
        this.media = media;
    }

    @Override
    public String kind() {
        return "conversations";
    }

    @Override
    public List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident) {
        return jdbc.sql(
                        """
                        select c.channel, c.resident, c.resident_name, m.direction, m.author, m.text, m.at,
                            -- The photos they sent, and where each was taken as its camera said.
                            (select json_agg(json_build_object('photo', p.path, 'latitude', p.latitude,
                                                               'longitude', p.longitude) order by p.position)::text
                             from conversation_media p where p.message_id = m.id) as photos
                        from conversation c join conversation_message m on m.conversation_id = c.id
                        where c.jurisdiction_id = :j and %s order by c.id, m.at"""
                                .formatted(resident.matches("c.resident")))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query()
                .listOfRows();
    }

    @Override
    @Transactional
    public int erase(String jurisdictionId, ResidentAddress resident) {
        List<Long> conversations = jdbc.sql(
                        "select id from conversation where jurisdiction_id = :j and " + resident.matches("resident"))
                .param("j", jurisdictionId)
                .param("resident", resident.value())
                .query(Long.class)
                .list();
        return conversations.isEmpty() ? 0 : forget(conversations);
    }

    @Override
    @Transactional
    public int anonymiseFinishedBefore(Instant cutoff) {
        List<Long> conversations = jdbc.sql(
                        """
                        select id from conversation
                        where last_message_at < :cutoff and resident not like '(erased)%'""")
                .param("cutoff", Timestamp.from(cutoff))
                .query(Long.class)
                .list();
        // In batches: the first run after a pause, or a shorter retention, finds more conversations than one
        // statement may name (65,535 parameters).
        int forgotten = 0;
        for (int from = 0; from < conversations.size(); from += BATCH) {
            forgotten += forget(conversations.subList(from, Math.min(conversations.size(), from + BATCH)));
        }
        return forgotten;
    }

    static final int BATCH = 5_000;

    private int forget(List<Long> conversations) {
        // Locked first, as a photo fetched late takes the same lock before it joins its message.
        jdbc.sql("select id from conversation where id in (:ids) order by id for update")
                .param("ids", conversations)
                .query(Long.class)
                .list();
        // The photos residents sent (and the places read from them) go with their words: the rows now, the files once
        // the erasure is committed, so that a rollback leaves nothing pointing at a missing file.
        List<String> photos = jdbc.sql(
                        """
                        select path from conversation_media where message_id in (
                            select id from conversation_message where conversation_id in (:ids) and direction = 'IN')""")
                .param("ids", conversations)
                .query(String.class)
                .list();
        media.deleteOnceCommitted(photos);
        // Nor is a photo still to be fetched brought in after them.
        jdbc.sql(
                        """
                        delete from conversation_photo_retry where message_id in (
                            select id from conversation_message where conversation_id in (:ids))""")
                .param("ids", conversations)
                .update();
        jdbc.sql(
                        """
                        delete from conversation_media where message_id in (
                            select id from conversation_message where conversation_id in (:ids) and direction = 'IN')""")
                .param("ids", conversations)
                .update();
        jdbc.sql(
                        """
                        update conversation_message set author = :erased, text = :erased, masked_text = :erased,
                            triage = null
                        where conversation_id in (:ids) and direction = 'IN'""")
                .param("erased", ERASED)
                .param("ids", conversations)
                .update();
        // The replies to them name them (a Mastodon reply begins with their account), and the posts' ids on X and
        // Mastodon lead back to their account: neither is kept.
        jdbc.sql(
                        """
                        update conversation_message m set text = replace(m.text, '@' || c.resident, '@' || :erased),
                            masked_text = replace(m.masked_text, '@' || c.resident, '@' || :erased)
                        from conversation c
                        where m.conversation_id = c.id and c.id in (:ids) and m.direction = 'OUT'""")
                .param("erased", ERASED)
                .param("ids", conversations)
                .update();
        jdbc.sql("update conversation_message set external_id = null where conversation_id in (:ids)")
                .param("ids", conversations)
                .update();
        return jdbc.sql(
                        """
                        update conversation set resident = :erased || '-' || id, resident_name = null, subject = null,
                            thread_key = :erased || '-' || id
                        where id in (:ids)""")
                .param("erased", ERASED)
                .param("ids", conversations)
                .update();
    }
}
