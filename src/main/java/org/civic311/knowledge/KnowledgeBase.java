package org.civic311.knowledge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * The knowledge module's API. Articles are written as drafts, reviewed by someone other than their last author, and
 * then published; a published article stays found while its next version is written and reviewed. Search finds
 * published articles only.
 */
@Service
public class KnowledgeBase {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_QUERY = 300;
    private static final String MARK_START = "\u0001";
    private static final String MARK_END = "\u0002";

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;
    private final Spelling spelling;
    private final KnowledgeSearches searches;

    KnowledgeBase(JdbcClient jdbc, Catalog catalog, Clock clock, Spelling spelling, KnowledgeSearches searches) {
        this.spelling = spelling;
        this.searches = searches;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The opening words of a text, as many as a query may have, cut between words. */
    public static String opening(String text) {
        if (text.length() <= MAX_QUERY) {
            return text;
        }
        String cut = text.substring(0, MAX_QUERY);
        int space = cut.lastIndexOf(' ');
        return space > MAX_QUERY / 2 ? cut.substring(0, space) : cut;
    }

    /**
     * What a member of staff asked, in its opening words, answered from every published article and recorded: what
     * finds nothing is what the editors write next. Nothing asked finds nothing.
     */
    public List<SearchHit> searchedBy(String jurisdictionId, String searcher, String asked, int limit) {
        if (asked.isBlank()) {
            return List.of();
        }
        List<SearchHit> hits = search(jurisdictionId, asked, true, limit);
        searches.record(jurisdictionId, searcher, asked, hits.size());
        return hits;
    }

    /**
     * Published articles that answer a query, best first: ranked full-text matches, words of the city's jargon
     * replaced by their synonyms, and titles and keywords spelled close to the query for typos.
     *
     * @param staff whether staff-only articles may be found
     */
    public List<SearchHit> search(String jurisdictionId, String query, boolean staff, int limit) {
        String text = PlainText.singleLine(query);
        if (text == null) {
            throw new InvalidInputException("q", "is required");
        }
        if (text.length() > MAX_QUERY) {
            throw new InvalidInputException("q", "is longer than " + MAX_QUERY + " characters");
        }
        List<String> variants = variants(jurisdictionId, text);
        // A natural question rarely has all its words in its answer: any word matches, ranked by how many and how
        // close; articles with every word (in one of the question's forms) come first.
        List<String> every = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            every.add("websearch_to_tsquery('english', :q" + i + ")");
            params.put("q" + i, variants.get(i));
        }
        String all = String.join(" || ", every);
        String any = String.join(
                " || ",
                every.stream()
                        .map(q -> "replace(" + q + "::text, ' & ', ' | ')::tsquery")
                        .toList());
        params.put("j", jurisdictionId);
        params.put("raw", text.toLowerCase(Locale.ROOT));
        params.put("limit", limit);
        params.put("staff", staff);
        String sql = "with q as (select " + any + " as tsq, " + all + " as every)"
                + """
                 select a.id, a.title, a.department_code, a.audience, a.review_date,
                        ts_rank_cd(a.search, q.tsq, 32) + 0.3 * word_similarity(:raw, a.search_text)
                            + case when a.search @@ q.every then 0.5 else 0 end as score,
                        ts_headline('english', a.body, q.tsq,
                            'StartSel=\u0001, StopSel=\u0002, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter= … ')
                            as snippet
                 from knowledge_article a, q
                 where a.jurisdiction_id = :j and a.status = 'PUBLISHED' and (:staff or a.audience = 'PUBLIC')
                   and (a.search @@ q.tsq or word_similarity(:raw, a.search_text) >= 0.45)
                 order by score desc, a.id
                 limit :limit""";
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new SearchHit(
                        rs.getLong("id"),
                        rs.getString("title"),
                        highlight(rs.getString("snippet")),
                        rs.getString("department_code"),
                        Audience.valueOf(rs.getString("audience")),
                        Math.round(rs.getDouble("score") * 10_000) / 10_000.0,
                        rs.getDate("review_date") == null
                                ? null
                                : rs.getDate("review_date").toLocalDate()))
                .list();
    }

    /**
     * The query as written, and with each word of a synonym group (the city's jargon and what residents call it)
     * replaced by each of the others: entered once, a synonym works both ways. A word typed in a hurry ("grabage")
     * is also read as the article word one slip away, as a variant of its own.
     */
    private List<String> variants(String jurisdictionId, String query) {
        List<List<String>> groups = new ArrayList<>();
        jdbc.sql("select term, alternatives from knowledge_synonym where jurisdiction_id = :j")
                .param("j", jurisdictionId)
                .query(rs -> {
                    List<String> group = new ArrayList<>();
                    group.add(rs.getString(1));
                    group.addAll(List.of((String[]) rs.getArray(2).getArray()));
                    groups.add(group);
                });
        List<String> variants = new ArrayList<>();
        String corrected = spelling.corrected(jurisdictionId, query);
        for (String written : corrected.equals(query) ? List.of(query) : List.of(query, corrected)) {
            variants.add(written);
            String lower = written.toLowerCase(Locale.ROOT);
            for (List<String> group : groups) {
                for (String said : group) {
                    // "green bins" is the jargon "green bin" too; and a word with accents is a word ("école").
                    Pattern word = Pattern.compile(
                            "\\b" + Pattern.quote(said.toLowerCase(Locale.ROOT)) + "(?:e?s)?\\b",
                            Pattern.UNICODE_CHARACTER_CLASS);
                    if (word.matcher(lower).find()) {
                        for (String other : group) {
                            if (!other.equalsIgnoreCase(said)) {
                                variants.add(word.matcher(lower)
                                        .replaceAll(java.util.regex.Matcher.quoteReplacement(other)));
                            }
                        }
                    }
                }
            }
        }
        return variants.stream().distinct().limit(12).toList();
    }

    /** Escapes the passage for HTML, then marks the matching words. */
    static String highlight(String snippet) {
        return HtmlUtils.htmlEscape(snippet, "UTF-8")
                .replace(MARK_START, "<mark>")
                .replace(MARK_END, "</mark>");
    }

    public Article article(String jurisdictionId, long id) {
        return jdbc.sql(
                        """
                        select id, jurisdiction_id, title, body, department_code, keywords, audience, review_date,
                               status, version, last_author, updated_at
                        from knowledge_article where jurisdiction_id = :j and id = :id""")
                .param("j", jurisdictionId)
                .param("id", id)
                .query((rs, n) -> new Article(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        List.of((String[]) rs.getArray(6).getArray()),
                        Audience.valueOf(rs.getString(7)),
                        rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(),
                        ArticleStatus.valueOf(rs.getString(9)),
                        rs.getInt(10),
                        rs.getString(11),
                        rs.getTimestamp(12).toInstant()))
                .optional()
                .orElseThrow(() -> new NotFoundException("no article " + id));
    }

    /**
     * What knowledge staff have to do: drafts, articles waiting for review (new ones and new versions of published
     * ones), and published articles whose review date has come: those waiting for a reviewer first, then those being
     * written, then checks due; the oldest change first within each.
     */
    public List<ArticleInWork> inWork(String jurisdictionId, java.time.LocalDate today) {
        return jdbc.sql(
                        """
                        select id, title, department_code, last_author, updated_at, review_date,
                            case when status = 'IN_REVIEW' or pending_state = 'IN_REVIEW' then 'IN_REVIEW'
                                 when status = 'DRAFT' or pending_state = 'DRAFT' then 'DRAFT'
                                 else 'REVIEW_DUE' end as stage,
                            status = 'PUBLISHED' as published
                        from knowledge_article
                        where jurisdiction_id = :j and (status in ('DRAFT', 'IN_REVIEW') or pending_state is not null
                            or (status = 'PUBLISHED' and review_date <= :today))
                        order by coalesce(status = 'IN_REVIEW' or pending_state = 'IN_REVIEW', false) desc,
                            (status in ('DRAFT', 'IN_REVIEW') or pending_state is not null) desc, updated_at
                        limit 500""")
                .param("j", jurisdictionId)
                .param("today", today)
                .query((rs, n) -> new ArticleInWork(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("department_code"),
                        ArticleInWork.Stage.valueOf(rs.getString("stage")),
                        rs.getBoolean("published"),
                        rs.getString("last_author"),
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getDate("review_date") == null
                                ? null
                                : rs.getDate("review_date").toLocalDate()))
                .list();
    }

    /** The newest version of an article, as an editor continues from it: the pending one, if there is one. */
    public ArticleDraft newestVersion(String jurisdictionId, long id) {
        article(jurisdictionId, id);
        return jdbc.sql(
                        """
                        select title, body, department_code, keywords, audience, review_date
                        from knowledge_article_version where article_id = :id order by version desc limit 1""")
                .param("id", id)
                .query((rs, n) -> new ArticleDraft(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()),
                        Audience.valueOf(rs.getString(5)),
                        rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()))
                .single();
    }

    public List<ArticleVersion> versions(long id) {
        return jdbc.sql(
                        """
                        select version, title, body, author, at, published_by, published_at
                        from knowledge_article_version where article_id = :id order by version""")
                .param("id", id)
                .query((rs, n) -> new ArticleVersion(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Starts an article as a draft. */
    @Transactional
    public long draft(String jurisdictionId, ArticleDraft draft, String author) {
        ArticleDraft checked = check(jurisdictionId, draft);
        Instant now = clock.instant();
        long id = jdbc.sql(
                        """
                        insert into knowledge_article (jurisdiction_id, title, body, department_code, keywords, audience,
                            review_date, status, version, last_author, updated_at)
                        values (:j, :title, :body, :department, :keywords, :audience, :review, 'DRAFT', 1, :author, :at)
                        returning id""")
                .params(fields(checked))
                .param("j", jurisdictionId)
                .param("author", author)
                .param("at", Timestamp.from(now))
                .query(Long.class)
                .single();
        version(id, 1, checked, author, now);
        return id;
    }

    /**
     * Writes a new version. A draft changes in place; a published article keeps being found as it was until the new
     * version is reviewed and published.
     */
    @Transactional
    public void revise(String jurisdictionId, long id, ArticleDraft draft, String author) {
        revise(jurisdictionId, id, null, draft, author);
    }

    /**
     * Writes a new version made from version {@code base}; refused when someone saved another since, whose work
     * would otherwise be silently replaced. Two saves at once are numbered one after the other.
     *
     * @param base the version the editor started from, or null when the caller does not say
     */
    @Transactional
    public void revise(String jurisdictionId, long id, @Nullable Integer base, ArticleDraft draft, String author) {
        lock(jurisdictionId, id);
        Article article = article(jurisdictionId, id);
        ArticleDraft checked = check(jurisdictionId, draft);
        Instant now = clock.instant();
        ArticleVersion newest = versions(id).getLast();
        if (base != null && base != newest.version()) {
            throw new InvalidInputException(
                    "base",
                    "is version " + base + ", but " + newest.author() + " saved version " + newest.version()
                            + " since: open the article again and make your change to their version");
        }
        int next = newest.version() + 1;
        version(id, next, checked, author, now);
        if (article.status() == ArticleStatus.PUBLISHED) {
            jdbc.sql(
                            """
                            update knowledge_article set pending_version = :v, pending_state = 'DRAFT', last_author = :a,
                                updated_at = :at where id = :id""")
                    .param("v", next)
                    .param("a", author)
                    .param("at", Timestamp.from(now))
                    .param("id", id)
                    .update();
        } else {
            jdbc.sql(
                            """
                            update knowledge_article set title = :title, body = :body, department_code = :department,
                                keywords = :keywords, audience = :audience, review_date = :review, status = 'DRAFT',
                                version = :v, last_author = :author, updated_at = :at where id = :id""")
                    .params(fields(checked))
                    .param("v", next)
                    .param("author", author)
                    .param("at", Timestamp.from(now))
                    .param("id", id)
                    .update();
        }
    }

    /** Asks for review of the article (or of its pending version). */
    @Transactional
    public void submitForReview(String jurisdictionId, long id, String author) {
        Article article = article(jurisdictionId, id);
        int changed =
                switch (article.status()) {
                    case DRAFT ->
                        jdbc.sql("update knowledge_article set status = 'IN_REVIEW' where id = :id")
                                .param("id", id)
                                .update();
                    case PUBLISHED ->
                        jdbc.sql(
                                        "update knowledge_article set pending_state = 'IN_REVIEW' where id = :id and pending_state = 'DRAFT'")
                                .param("id", id)
                                .update();
                    default -> 0;
                };
        if (changed == 0) {
            throw new InvalidInputException("status", "has nothing to review: the article is " + article.status());
        }
    }

    /**
     * Publishes what is in review; the reviewer cannot be the last author, and reviews the departments of the article
     * as published and as in review.
     */
    @Transactional
    public void publish(String jurisdictionId, long id, Reviewer by) {
        publish(jurisdictionId, id, null, by);
    }

    /**
     * Publishes the version in review if it is the one the reviewer read: one submitted after they opened the article
     * is not published unread.
     *
     * @param read the version the reviewer read, or null when the caller does not say
     */
    @Transactional
    public void publish(String jurisdictionId, long id, @Nullable Integer read, Reviewer by) {
        Article article = lockedForReview(jurisdictionId, id, by);
        spelling.forgetOnceCommitted(jurisdictionId);
        int inReview = versions(id).getLast().version();
        if (read != null && read != inReview) {
            throw new InvalidInputException(
                    "read",
                    "is version " + read + ", but version " + inReview + " was saved since: read it before publishing");
        }
        String reviewer = by.username();
        if (article.lastAuthor().equals(reviewer)) {
            throw new InvalidInputException("reviewer", "must be someone other than the last author, " + reviewer);
        }
        Instant now = clock.instant();
        if (article.status() == ArticleStatus.IN_REVIEW) {
            // The conditions are checked again in the update, so an edit made meanwhile is not published unreviewed.
            int published = jdbc.sql(
                            """
                            update knowledge_article set status = 'PUBLISHED', updated_at = :at
                            where id = :id and status = 'IN_REVIEW' and last_author <> :reviewer""")
                    .param("at", Timestamp.from(now))
                    .param("id", id)
                    .param("reviewer", reviewer)
                    .update();
            if (published == 0) {
                throw new InvalidInputException("status", "changed while it was being reviewed; review it again");
            }
            published(jurisdictionId, id, reviewer, now);
            return;
        }
        int applied = jdbc.sql(
                        """
                        update knowledge_article a set title = v.title, body = v.body, department_code = v.department_code,
                            keywords = v.keywords, audience = v.audience, review_date = v.review_date, version = v.version,
                            pending_version = null, pending_state = null, updated_at = :at
                        from knowledge_article_version v
                        where a.id = :id and v.article_id = a.id and v.version = a.pending_version
                          and a.pending_state = 'IN_REVIEW' and a.last_author <> :reviewer""")
                .param("at", Timestamp.from(now))
                .param("id", id)
                .param("reviewer", reviewer)
                .update();
        if (applied == 0) {
            throw new InvalidInputException("status", "is not in review: submit the article for review first");
        }
        published(jurisdictionId, id, reviewer, now);
    }

    /** The version now published names its reviewer. */
    private void published(String jurisdictionId, long id, String reviewer, Instant at) {
        // An answer nobody set a date for is checked again within a year (of the city's day): without one it would
        // never come up.
        java.sql.Date due = java.sql.Date.valueOf(java.time.LocalDate.ofInstant(
                        at, catalog.resolveJurisdiction(jurisdictionId).timeZone())
                .plus(CHECKED_WITHIN));
        jdbc.sql("update knowledge_article set review_date = coalesce(review_date, :due) where id = :id")
                .param("due", due)
                .param("id", id)
                .update();
        jdbc.sql(
                        """
                        update knowledge_article_version v set published_by = :by, published_at = :at,
                            review_date = coalesce(v.review_date, :due)
                        from knowledge_article a where a.id = :id and v.article_id = a.id and v.version = a.version""")
                .param("by", reviewer)
                .param("at", Timestamp.from(at))
                .param("due", due)
                .param("id", id)
                .update();
    }

    /** How long a published answer stands before its editors check it again, unless they chose a date. */
    static final java.time.Period CHECKED_WITHIN = java.time.Period.ofYears(1);

    /** Holds the article against other changes until the transaction ends. */
    private void lock(String jurisdictionId, long id) {
        jdbc.sql("select id from knowledge_article where id = :id and jurisdiction_id = :j for update")
                .param("id", id)
                .param("j", jurisdictionId)
                .query(Long.class)
                .optional();
    }

    /** Takes the article out of the knowledge base; a new version written of it brings it back, as a draft. */
    @Transactional
    public void archive(String jurisdictionId, long id, Reviewer by) {
        lockedForReview(jurisdictionId, id, by);
        spelling.forgetOnceCommitted(jurisdictionId);
        jdbc.sql(
                        """
                        update knowledge_article set status = 'ARCHIVED', pending_version = null, pending_state = null,
                            archived_by = :by, archived_at = :at
                        where id = :id""")
                .param("by", by.username())
                .param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    /** The articles taken out of the knowledge base, the latest first. */
    public List<ArchivedArticle> archived(String jurisdictionId, int limit) {
        return jdbc.sql(
                        """
                        select id, title, department_code, archived_by, archived_at from knowledge_article
                        where jurisdiction_id = :j and status = 'ARCHIVED'
                        order by archived_at desc nulls last, id desc limit :limit""")
                .param("j", jurisdictionId)
                .param("limit", limit)
                .query((rs, n) -> new ArchivedArticle(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("department_code"),
                        rs.getString("archived_by"),
                        rs.getTimestamp("archived_at") == null
                                ? null
                                : rs.getTimestamp("archived_at").toInstant()))
                .list();
    }

    /**
     * The article, locked until the review's change commits, if the reviewer reviews its department, and that of the
     * version in review: a department's manager neither publishes another's article nor moves one out of their own.
     */
    private Article lockedForReview(String jurisdictionId, long id, Reviewer by) {
        lock(jurisdictionId, id);
        List<String> departments = jdbc.sql(
                        """
                        select a.department_code from knowledge_article a where a.id = :id and a.jurisdiction_id = :j
                        union all
                        select v.department_code from knowledge_article a
                        join knowledge_article_version v on v.article_id = a.id and v.version = a.pending_version
                        where a.id = :id and a.jurisdiction_id = :j""")
                .param("id", id)
                .param("j", jurisdictionId)
                .query((rs, n) -> rs.getString(1))
                .list();
        Article article = article(jurisdictionId, id);
        for (String department : departments) {
            if (!by.reviews(department)) {
                throw new AccessDeniedException(by.username() + " does not review the articles of "
                        + (department == null ? "311 itself" : "department " + department));
            }
        }
        return article;
    }

    /** The city's jargon and what residents call it instead, by term, in alphabetical order. */
    public java.util.SortedMap<String, List<String>> synonyms(String jurisdictionId) {
        java.util.SortedMap<String, List<String>> synonyms = new java.util.TreeMap<>();
        jdbc.sql("select term, alternatives from knowledge_synonym where jurisdiction_id = :j")
                .param("j", jurisdictionId)
                .query((rs, n) -> synonyms.put(rs.getString("term"), List.of((String[])
                        rs.getArray("alternatives").getArray())))
                .list();
        return synonyms;
    }

    /** A term's synonyms no longer used in searches, and who took them away; false when it had none. */
    @Transactional
    public boolean removeSynonyms(String jurisdictionId, String term, String actor) {
        spelling.forgetOnceCommitted(jurisdictionId);
        String word = term.toLowerCase(Locale.ROOT).strip();
        boolean removed = jdbc.sql("delete from knowledge_synonym where jurisdiction_id = :j and term = :term")
                        .param("j", jurisdictionId)
                        .param("term", word)
                        .update()
                > 0;
        if (removed) {
            recordSynonyms(jurisdictionId, word, "removed", actor);
        }
        return removed;
    }

    /** A change of the synonyms, as the synonyms' page lists them. */
    public record SynonymChange(Instant at, String term, String change, String actor) {}

    /** The latest changes of the synonyms, newest first: who made searches find what. */
    public List<SynonymChange> synonymChanges(String jurisdictionId, int limit) {
        return jdbc.sql(
                        """
                        select at, term, change, actor from knowledge_synonym_change
                        where jurisdiction_id = :j order by at desc, id desc limit :limit""")
                .param("j", jurisdictionId)
                .param("limit", limit)
                .query((rs, n) -> new SynonymChange(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("term"),
                        rs.getString("change"),
                        rs.getString("actor")))
                .list();
    }

    private void recordSynonyms(String jurisdictionId, String term, String change, String actor) {
        jdbc.sql(
                        """
                        insert into knowledge_synonym_change (jurisdiction_id, term, change, actor, at)
                        values (:j, :term, :change, :actor, :at)""")
                .param("j", jurisdictionId)
                .param("term", term)
                .param("change", change)
                .param("actor", actor)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** The most words a term or a synonym has, and the most synonyms a term has: each is searched for. */
    static final int MAX_SYNONYM_LENGTH = 60;

    static final int MAX_SYNONYMS = 20;

    /**
     * Words of the city's jargon and what residents may call them instead ("blue bin" for recycling), replacing what
     * the term had.
     *
     * @throws InvalidInputException naming the term or the synonyms at fault
     */
    @Transactional
    public void defineSynonyms(String jurisdictionId, String term, List<String> alternatives, String actor) {
        spelling.forgetOnceCommitted(jurisdictionId);
        String word = org.civic311.common.PlainText.singleLine(term);
        if (word == null) {
            throw new InvalidInputException("term", "is required");
        }
        if (word.length() > MAX_SYNONYM_LENGTH || org.civic311.common.PlainText.containsMarkup(word)) {
            throw new InvalidInputException(
                    "term", "must be plain words, at most " + MAX_SYNONYM_LENGTH + " characters");
        }
        List<String> words = alternatives.stream()
                .map(org.civic311.common.PlainText::singleLine)
                .filter(java.util.Objects::nonNull)
                .map(a -> a.toLowerCase(Locale.ROOT))
                .filter(a -> !a.equals(word.toLowerCase(Locale.ROOT)))
                .distinct()
                .toList();
        if (words.isEmpty()) {
            throw new InvalidInputException("alternatives", "are required: what residents call it instead");
        }
        if (words.size() > MAX_SYNONYMS
                || words.stream()
                        .anyMatch(a ->
                                a.length() > MAX_SYNONYM_LENGTH || org.civic311.common.PlainText.containsMarkup(a))) {
            throw new InvalidInputException(
                    "alternatives",
                    "must be at most " + MAX_SYNONYMS + " plain words or phrases of at most " + MAX_SYNONYM_LENGTH
                            + " characters each");
        }
        jdbc.sql(
                        """
                        insert into knowledge_synonym (jurisdiction_id, term, alternatives) values (:j, :term, :alternatives)
                        on conflict (jurisdiction_id, term) do update set alternatives = excluded.alternatives""")
                .param("j", jurisdictionId)
                .param("term", word.toLowerCase(Locale.ROOT))
                .param("alternatives", words.toArray(String[]::new))
                .update();
        recordSynonyms(jurisdictionId, word.toLowerCase(Locale.ROOT), String.join(", ", words), actor);
    }

    /**
     * What a load of answers reviewed elsewhere did to the knowledge base.
     *
     * @param corrected answers the file gives as it gave them before, left as an editor corrected them since
     */
    public record Imported(int added, int updated, int unchanged, int corrected) {

        public static final Imported NOTHING = new Imported(0, 0, 0, 0);

        public Imported plus(Imported other) {
            return new Imported(
                    added + other.added,
                    updated + other.updated,
                    unchanged + other.unchanged,
                    corrected + other.corrected);
        }
    }

    /**
     * Loads articles that were reviewed elsewhere (a city's existing FAQ), published at once. An article of the same
     * title is the same answer: loading the FAQ again brings it up to date as a new version rather than adding it
     * twice. One that staff are writing or reviewing a new version of is refused, since that work would be lost.
     */
    @Transactional
    public Imported importPublished(String jurisdictionId, List<ArticleDraft> articles, String source) {
        spelling.forgetOnceCommitted(jurisdictionId);
        // Two loads at once would both find a title missing and both add it: one city's loads take turns.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('knowledge import ' || :j))")
                .param("j", jurisdictionId)
                .query()
                .singleRow();
        Imported imported = Imported.NOTHING;
        for (ArticleDraft given : articles) {
            imported = imported.plus(importPublished(jurisdictionId, check(jurisdictionId, given), source));
        }
        return imported;
    }

    private boolean archived(String jurisdictionId, String title) {
        return jdbc.sql(
                        """
                        select exists (select 1 from knowledge_article
                        where jurisdiction_id = :j and lower(title) = lower(:title) and status = 'ARCHIVED')""")
                .param("j", jurisdictionId)
                .param("title", title)
                .query(Boolean.class)
                .single();
    }

    private Imported importPublished(String jurisdictionId, ArticleDraft draft, String source) {
        Long existing = jdbc.sql(
                        """
                        select id from knowledge_article
                        where jurisdiction_id = :j and lower(title) = lower(:title) and status <> 'ARCHIVED'
                        order by id limit 1 for update""")
                .param("j", jurisdictionId)
                .param("title", draft.title())
                .query(Long.class)
                .optional()
                .orElse(null);
        Instant now = clock.instant();
        if (existing == null && archived(jurisdictionId, draft.title())) {
            // Archived by an editor as wrong or out of date: a load of an older file does not publish it again.
            throw new InvalidInputException(
                    "title",
                    "'" + draft.title() + "' was archived in the console: take it out of the file, or give it a new"
                            + " title if it is a new answer");
        }
        if (existing == null) {
            long id = draft(jurisdictionId, draft, source);
            jdbc.sql("update knowledge_article set status = 'PUBLISHED' where id = :id")
                    .param("id", id)
                    .update();
            // Published by its source, and checked again like any other answer.
            published(jurisdictionId, id, source, now);
            return new Imported(1, 0, 0, 0);
        }
        Article article = article(jurisdictionId, existing);
        boolean pending = jdbc.sql("select pending_version is not null from knowledge_article where id = :id")
                .param("id", existing)
                .query(Boolean.class)
                .single();
        if (article.status() != ArticleStatus.PUBLISHED || pending) {
            throw new InvalidInputException(
                    "title",
                    "'" + draft.title() + "' is being written or reviewed in the console: publish or discard that"
                            + " version first");
        }
        if (saysTheSame(article, draft)) {
            return new Imported(0, 0, 1, 0);
        }
        List<ArticleVersion> versions = versions(existing);
        ArticleVersion current = versions.getLast();
        if (!current.author().equals(source)) {
            // Corrected in the console since the source last gave it: the same file loaded again (a monthly reload)
            // leaves the correction standing; a file that changed the answer too is a choice for an editor.
            var given = versions.reversed().stream()
                    .filter(v -> v.author().equals(source))
                    .findFirst();
            if (given.isPresent()) {
                if (given.get().title().equals(draft.title())
                        && given.get().body().equals(draft.body())) {
                    return new Imported(0, 0, 0, 1);
                }
                throw new InvalidInputException(
                        "title",
                        "'" + draft.title() + "' was corrected in the console by " + current.author()
                                + " since " + source + " last gave it, and the file changes it too: bring the"
                                + " correction into the file, or archive the article, before loading it");
            }
        }
        int next = current.version() + 1;
        version(existing, next, draft, source, now);
        jdbc.sql(
                        """
                        update knowledge_article set title = :title, body = :body, department_code = :department,
                            keywords = :keywords, audience = :audience, review_date = coalesce(:review, review_date),
                            version = :v, last_author = :author, updated_at = :at where id = :id""")
                .params(fields(draft))
                .param("v", next)
                .param("author", source)
                .param("at", Timestamp.from(now))
                .param("id", existing)
                .update();
        published(jurisdictionId, existing, source, now);
        return new Imported(0, 1, 0, 0);
    }

    /** An answer given again without a review date keeps the one it has. */
    private static boolean saysTheSame(Article article, ArticleDraft draft) {
        return article.title().equals(draft.title())
                && article.body().equals(draft.body())
                && java.util.Objects.equals(article.departmentCode(), draft.departmentCode())
                && article.keywords().equals(draft.keywords())
                && article.audience() == draft.audience()
                && (draft.reviewDate() == null || draft.reviewDate().equals(article.reviewDate()));
    }

    private ArticleDraft check(String jurisdictionId, ArticleDraft draft) {
        if (draft.departmentCode() != null
                && catalog.department(jurisdictionId, draft.departmentCode()).isEmpty()) {
            throw new InvalidInputException("department", "'" + draft.departmentCode() + "' is not a department");
        }
        String title = PlainText.singleLine(draft.title());
        String body = PlainText.multiLine(draft.body());
        if (title == null || title.length() > MAX_TITLE) {
            throw new InvalidInputException("title", "is required, in at most " + MAX_TITLE + " characters");
        }
        if (body == null || body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "is required, in at most " + MAX_BODY + " characters");
        }
        if (draft.reviewDate() != null
                && (draft.reviewDate().getYear() < 1900 || draft.reviewDate().getYear() > 9999)) {
            throw new InvalidInputException("reviewDate", "must be a date between the years 1900 and 9999");
        }
        // The day it is to be checked again: one already past would be overdue the moment it is published.
        if (draft.reviewDate() != null
                && draft.reviewDate()
                        .isBefore(catalog.resolveJurisdiction(jurisdictionId).today(clock))) {
            throw new InvalidInputException(
                    "reviewDate", "must be today or later: the day the answer is checked again");
        }
        List<String> keywords = draft.keywords().stream()
                .map(PlainText::singleLine)
                .filter(k -> k != null && k.length() <= 60)
                .distinct()
                .limit(20)
                .toList();
        return new ArticleDraft(title, body, draft.departmentCode(), keywords, draft.audience(), draft.reviewDate());
    }

    private static Map<String, Object> fields(ArticleDraft draft) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("title", draft.title());
        fields.put("body", draft.body());
        fields.put("department", draft.departmentCode());
        fields.put("keywords", draft.keywords().toArray(String[]::new));
        fields.put("audience", draft.audience().name());
        fields.put("review", draft.reviewDate() == null ? null : java.sql.Date.valueOf(draft.reviewDate()));
        return fields;
    }

    private void version(long id, int version, ArticleDraft draft, String author, Instant at) {
        jdbc.sql(
                        """
                        insert into knowledge_article_version (article_id, version, title, body, department_code,
                            keywords, audience, review_date, author, at)
                        values (:id, :version, :title, :body, :department, :keywords, :audience, :review, :author, :at)""")
                .params(fields(draft))
                .param("id", id)
                .param("version", version)
                .param("author", author)
                .param("at", Timestamp.from(at))
                .update();
    }
}
