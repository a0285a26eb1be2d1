package org.civic311.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.knowledge.Article;
import org.civic311.knowledge.ArticleDraft;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.civic311.staff.Role;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge editor: write an article or a new version of one, submit it for review, and (someone else, a
 * supervisor, manager or administrator) publish it. A published article is found as it was until its new version is
 * published.
 */
@Controller
class KnowledgeEditorScreens {

    /** How far back the questions the knowledge base could not answer are listed. */
    static final java.time.Duration GAPS_WITHIN = java.time.Duration.ofDays(60);

    private final KnowledgeBase knowledge;
    private final Catalog catalog;
    private final StaffAccess access;
    private final org.civic311.inquiries.Inquiries inquiries;
    private final Clock clock;
    private final org.civic311.knowledge.KnowledgeSearches searches;

    KnowledgeEditorScreens(
            KnowledgeBase knowledge,
            Catalog catalog,
            StaffAccess access,
            org.civic311.inquiries.Inquiries inquiries,
            org.civic311.knowledge.KnowledgeSearches searches,
            Clock clock) {
        this.searches = searches;
        this.knowledge = knowledge;
        this.catalog = catalog;
        this.access = access;
        this.inquiries = inquiries;
        this.clock = clock;
    }

    /** What the editor form sends, kept when it comes back with an error. */
    record ArticleForm(
            String title, String body, String department, String keywords, String audience, String reviewDate) {

        static ArticleForm of(ArticleDraft draft) {
            return new ArticleForm(
                    draft.title(),
                    draft.body(),
                    draft.departmentCode() == null ? "" : draft.departmentCode(),
                    String.join(", ", draft.keywords()),
                    draft.audience().name(),
                    draft.reviewDate() == null ? "" : draft.reviewDate().toString());
        }

        ArticleDraft draft() {
            Audience chosen;
            try {
                chosen = Audience.valueOf(audience.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("audience", "must be PUBLIC or STAFF");
            }
            LocalDate review;
            try {
                review = reviewDate.isBlank() ? null : LocalDate.parse(reviewDate.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("reviewDate", "must be a date like 2027-05-01");
            }
            return new ArticleDraft(
                    title,
                    body,
                    department.isBlank() ? null : department,
                    Arrays.stream(keywords.split(","))
                            .map(String::strip)
                            .filter(k -> !k.isEmpty())
                            .toList(),
                    chosen,
                    review);
        }
    }

    @GetMapping("/staff/knowledge/articles")
    String workList(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("member", member);
        model.addAttribute("articles", knowledge.inWork(member.jurisdictionId(), today(member)));
        model.addAttribute("reviews", reviews(member));
        model.addAttribute("gaps", gaps(member));
        // Searched by agents and answered by nothing: callers' words, 311's to read (a supervisor, an administrator),
        // as calls are, not a department's.
        model.addAttribute(
                "unfound",
                member.oversees()
                        ? searches.unfound(
                                member.jurisdictionId(), clock.instant().minus(GAPS_WITHIN), 30)
                        : List.of());
        model.addAttribute("archived", knowledge.archived(member.jurisdictionId(), 100));
        model.addAttribute("t", times(member));
        return "staff/articles";
    }

    /**
     * The questions the knowledge base could not answer, for those who review articles: every department's for those
     * who oversee, a manager's own department's. Inquiries hold callers' words, which other staff do not read.
     */
    private List<org.civic311.inquiries.KnowledgeGap> gaps(StaffMember member) {
        if (member.oversees()) {
            return inquiries.knowledgeGaps(member.jurisdictionId(), null, GAPS_WITHIN, 30);
        }
        if (reviews(member) && member.departmentCode() != null) {
            return inquiries.knowledgeGaps(member.jurisdictionId(), member.departmentCode(), GAPS_WITHIN, 30);
        }
        return List.of();
    }

    @GetMapping("/staff/knowledge/articles/new")
    String newArticle(
            @RequestParam(required = false) @Nullable String from, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        ArticleForm form = new ArticleForm(
                "", "", member.departmentCode() == null ? "" : member.departmentCode(), "", "STAFF", "");
        if (from != null && !from.isBlank()) {
            // Written from a question the knowledge base could not answer: its words and the answer its callback
            // brought, for the editor to make into an article (and to leave the caller out of).
            var gap = gaps(member).stream()
                    .filter(g -> g.reference().equalsIgnoreCase(from.strip()))
                    .findFirst()
                    .orElseThrow(() -> new org.civic311.common.NotFoundException(
                            "no recent question the knowledge base could not answer is " + from.strip()));
            String title = gap.question().length() > 180 ? gap.question().substring(0, 177) + "…" : gap.question();
            form = new ArticleForm(
                    title,
                    gap.answer() == null ? "" : gap.answer(),
                    gap.departmentCode() == null ? "" : gap.departmentCode(),
                    "",
                    "STAFF",
                    "");
        }
        return editor(member, null, form, null, model);
    }

    @PostMapping("/staff/knowledge/articles")
    String create(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "STAFF") String audience,
            @RequestParam(defaultValue = "") String reviewDate,
            Authentication authentication,
            Model model,
            jakarta.servlet.http.HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ArticleForm form = new ArticleForm(title, body, department, keywords, audience, reviewDate);
        try {
            long id = knowledge.draft(member.jurisdictionId(), form.draft(), member.username());
            flash.addFlashAttribute("message", "Draft saved.");
            return "redirect:/staff/knowledge/articles/" + id;
        } catch (InvalidInputException e) {
            // The form again, as typed, with what was refused: a 400, as every refusal is.
            response.setStatus(400);
            return editor(member, null, form, e.getMessage(), model);
        }
    }

    @GetMapping("/staff/knowledge/articles/{id}")
    String article(@PathVariable long id, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        Article article = knowledge.article(member.jurisdictionId(), id);
        return editor(
                member, article, ArticleForm.of(knowledge.newestVersion(member.jurisdictionId(), id)), null, model);
    }

    @PostMapping("/staff/knowledge/articles/{id}")
    String revise(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "STAFF") String audience,
            @RequestParam(defaultValue = "") String reviewDate,
            @RequestParam(required = false) @Nullable Integer base,
            Authentication authentication,
            Model model,
            jakarta.servlet.http.HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ArticleForm form = new ArticleForm(title, body, department, keywords, audience, reviewDate);
        try {
            knowledge.revise(member.jurisdictionId(), id, base, form.draft(), member.username());
            flash.addFlashAttribute("message", "New version saved.");
            return "redirect:/staff/knowledge/articles/" + id;
        } catch (InvalidInputException e) {
            // Still made from the version it was: saving again without reading the newer one is refused again.
            response.setStatus(400);
            model.addAttribute("base", base);
            return editor(member, knowledge.article(member.jurisdictionId(), id), form, e.getMessage(), model);
        }
    }

    @PostMapping("/staff/knowledge/articles/{id}/review")
    String submitForReview(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return act(
                id,
                flash,
                "Submitted for review.",
                () -> knowledge.submitForReview(member.jurisdictionId(), id, member.username()));
    }

    @PostMapping("/staff/knowledge/articles/{id}/publish")
    String publish(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer read,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!reviews(member)) {
            throw new AccessDeniedException(member.username() + " does not review knowledge articles");
        }
        return act(
                id,
                flash,
                "Published: agents find it now.",
                () -> knowledge.publish(member.jurisdictionId(), id, read, StaffAccess.reviewer(member)));
    }

    @PostMapping("/staff/knowledge/articles/{id}/archive")
    String archive(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!reviews(member)) {
            throw new AccessDeniedException(member.username() + " does not archive knowledge articles");
        }
        return act(
                id,
                flash,
                "Archived: no longer found.",
                () -> knowledge.archive(member.jurisdictionId(), id, StaffAccess.reviewer(member)));
    }

    /** The city's jargon and what residents call it instead, which searches read both ways: for editors to keep. */
    @GetMapping("/staff/knowledge/synonyms")
    String synonyms(Authentication authentication, Model model) {
        StaffMember member = reviewer(authentication);
        model.addAttribute("member", member);
        model.addAttribute("synonyms", knowledge.synonyms(member.jurisdictionId()));
        model.addAttribute("changes", knowledge.synonymChanges(member.jurisdictionId(), 20));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/synonyms";
    }

    @PostMapping("/staff/knowledge/synonyms")
    String defineSynonyms(
            @RequestParam(defaultValue = "") String term,
            @RequestParam(defaultValue = "") String alternatives,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = reviewer(authentication);
        try {
            knowledge.defineSynonyms(
                    member.jurisdictionId(),
                    term,
                    Arrays.stream(alternatives.split(",")).toList(),
                    member.username());
            flash.addFlashAttribute(
                    "message", "Searches for “" + term.strip() + "” find its synonyms now, and theirs it.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("typed", Map.of("term", term, "alternatives", alternatives));
        }
        return "redirect:/staff/knowledge/synonyms";
    }

    @PostMapping("/staff/knowledge/synonyms/remove")
    String removeSynonyms(
            @RequestParam(defaultValue = "") String term, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = reviewer(authentication);
        flash.addFlashAttribute(
                "message",
                knowledge.removeSynonyms(member.jurisdictionId(), term, member.username())
                        ? "“" + term.strip() + "” has no synonyms any more."
                        : "“" + term.strip() + "” had none.");
        return "redirect:/staff/knowledge/synonyms";
    }

    /** Synonyms change what every agent finds: those who review articles keep them. */
    private StaffMember reviewer(Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (!reviews(member)) {
            throw new AccessDeniedException(member.username() + " does not keep the knowledge base's synonyms");
        }
        return member;
    }

    /** What the newest version changes in the one agents read now, word by word, for its reviewer. */
    record Changes(int published, int latest, List<WordDiff.Part> title, List<WordDiff.Part> body) {}

    /** The changes to review: none for an article never published, or whose newest version is the published one. */
    static @Nullable Changes changes(List<org.civic311.knowledge.ArticleVersion> versions) {
        if (versions.isEmpty()) {
            return null;
        }
        var latest = versions.getLast();
        return versions.reversed().stream()
                .filter(v -> v.publishedBy() != null)
                .findFirst()
                .filter(published -> published.version() != latest.version())
                .map(published -> new Changes(
                        published.version(),
                        latest.version(),
                        WordDiff.between(published.title(), latest.title()),
                        WordDiff.between(published.body(), latest.body())))
                .orElse(null);
    }

    private String act(long id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/knowledge/articles/" + id;
    }

    private String editor(
            StaffMember member, @Nullable Article article, ArticleForm form, @Nullable String error, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("article", article);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("departments", catalog.departments(member.jurisdictionId()));
        List<org.civic311.knowledge.ArticleVersion> versions =
                article == null ? List.of() : knowledge.versions(article.id());
        model.addAttribute("versions", versions);
        model.addAttribute("changes", changes(versions));
        model.addAttribute(
                "inWork",
                article == null
                        ? null
                        : knowledge.inWork(member.jurisdictionId(), today(member)).stream()
                                .filter(a -> a.id() == article.id())
                                .findFirst()
                                .orElse(null));
        model.addAttribute("reviews", reviews(member));
        model.addAttribute("t", times(member));
        return "staff/article";
    }

    /** Supervisors, department managers and administrators review articles; never their own last edit. */
    static boolean reviews(StaffMember member) {
        return member.roles().stream()
                .anyMatch(r -> r == Role.SUPERVISOR || r == Role.DEPARTMENT_MANAGER || r == Role.ADMINISTRATOR);
    }

    private LocalDate today(StaffMember member) {
        return LocalDate.ofInstant(clock.instant(), times(member).zone());
    }

    private DepartmentScreens.LocalTimes times(StaffMember member) {
        return new DepartmentScreens.LocalTimes(
                catalog.resolveJurisdiction(member.jurisdictionId()).timeZone());
    }
}
