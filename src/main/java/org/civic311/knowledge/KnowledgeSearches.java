package org.civic311.knowledge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PlainText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff searched the knowledge base for and whether it answered: the searches that found nothing are the
 * articles to write next. Kept without the contact details a caller's words may carry, for {@link #KEPT}.
 */
@Service
public class KnowledgeSearches {

    /** A question the knowledge base did not answer: as last written, how many times, and when last. */
    public record Unfound(String query, int times, Instant last) {}

    /** How long searches are kept: long enough to see a season's questions come back. */
    static final Duration KEPT = Duration.ofDays(90);

    /** Searches by one person this close together, one extending the other, are one search being typed. */
    static final Duration TYPING = Duration.ofSeconds(30);

    private static final int MAX_QUERY = 200;

    /** A word with a digit or an @ in it: a number, an address's door, an email however far typed. */
    private static final java.util.regex.Pattern WITH_DIGITS_OR_AT =
            java.util.regex.Pattern.compile("[^\\s]*[\\d@][^\\s]*|\\[(?:phone number|email address|name)]");

    private final JdbcClient jdbc;
    private final Clock clock;

    KnowledgeSearches(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a search and how many answers it found. The results follow the typing ("haz", "hazardous", "hazardous
     * waste"): a search that extends or shortens the same person's last, moments before, replaces it, so that a
     * burst of typing counts once, as its last words.
     */
    @Transactional
    public void record(String jurisdictionId, String searcher, String query, int hits) {
        String text = PlainText.singleLine(query);
        if (text == null) {
            return;
        }
        // A caller's words, searched whole from the call screen, keep no number or address of theirs: each word with a
        // digit or an @ is dropped, so a number half typed ("416-555-019") is no more kept than one masked, and the
        // same search typed on stays one search.
        String said = WITH_DIGITS_OR_AT
                .matcher(PersonalDetails.masked(text))
                .replaceAll("…")
                .replaceAll("…(\\s*…)+", "…");
        String kept = said.length() > MAX_QUERY ? said.substring(0, MAX_QUERY) : said;
        Instant now = clock.instant();
        int replaced = jdbc.sql(
                        """
                        update knowledge_search set query = :query, hits = :hits, at = :now
                        where id = (select id from knowledge_search
                                    where searcher = :searcher and jurisdiction_id = :j and at > :typing
                                    order by at desc, id desc limit 1)
                          and (starts_with(lower(:query), lower(query)) or starts_with(lower(query), lower(:query)))""")
                .param("query", kept)
                .param("hits", hits)
                .param("now", Timestamp.from(now))
                .param("searcher", searcher)
                .param("j", jurisdictionId)
                .param("typing", Timestamp.from(now.minus(TYPING)))
                .update();
        if (replaced == 0) {
            jdbc.sql(
                            """
                            insert into knowledge_search (jurisdiction_id, searcher, query, hits, at)
                            values (:j, :searcher, :query, :hits, :now)""")
                    .param("j", jurisdictionId)
                    .param("searcher", searcher)
                    .param("query", kept)
                    .param("hits", hits)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** The searches since the instant that found nothing, the most asked first, however they were capitalised. */
    public List<Unfound> unfound(String jurisdictionId, Instant since, int limit) {
        return jdbc.sql(
                        """
                        select min(query), count(*), max(at) from knowledge_search
                        where jurisdiction_id = :j and hits = 0 and at >= :since
                        group by lower(query) order by count(*) desc, max(at) desc limit :limit""")
                .param("j", jurisdictionId)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, row) -> new Unfound(
                        rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Lets go of searches older than {@link #KEPT}, nightly; any instance may, as deleting twice deletes nothing. */
    @Scheduled(cron = "${civic311.knowledge.search-log-cron:0 47 3 * * *}")
    void forgetOld() {
        jdbc.sql("delete from knowledge_search where at < :before")
                .param("before", Timestamp.from(clock.instant().minus(KEPT)))
                .update();
    }
}
