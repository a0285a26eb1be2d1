package org.civic311.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.civic311.common.InvalidInputException;
import org.civic311.knowledge.Article;
import org.civic311.knowledge.ArticleDraft;
import org.civic311.knowledge.ArticleVersion;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.civic311.knowledge.SearchHit;
import org.civic311.staff.Role;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base for staff: search as an agent does mid-call, and the editor's calls (draft, revise, submit for
 * review, publish). Publishing is for supervisors, department managers and administrators, and never one's own
 * last version.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
@Tag(name = "Knowledge base")
@SecurityRequirement(name = "basic")
class KnowledgeApiController {

    static final int MAX_RESULTS = 50;

    private final KnowledgeBase knowledge;
    private final StaffAccess access;

    KnowledgeApiController(KnowledgeBase knowledge, StaffAccess access) {
        this.knowledge = knowledge;
        this.access = access;
    }

    /** An article as an editor sends it. */
    record ArticleBody(
            @Nullable String title,
            @Nullable String body,
            @Nullable String department,
            @Nullable List<String> keywords,
            @Nullable String audience,
            @Nullable LocalDate reviewDate) {}

    /** An article with its versions. */
    record ArticleView(Article article, List<ArticleVersion> versions) {}

    @GetMapping("/search")
    @Operation(summary = "Published articles that answer a question, best first, with highlighted passages")
    List<SearchHit> search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "10") int limit,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_RESULTS);
        }
        return knowledge.search(member.jurisdictionId(), q == null ? "" : q, true, limit);
    }

    @GetMapping("/articles/{id}")
    @Operation(summary = "An article with all its versions")
    ArticleView article(@PathVariable long id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return new ArticleView(knowledge.article(member.jurisdictionId(), id), knowledge.versions(id));
    }

    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start an article as a draft")
    ArticleView draft(@RequestBody ArticleBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        long id = knowledge.draft(member.jurisdictionId(), draft(body), member.username());
        return article(id, authentication);
    }

    @PutMapping("/articles/{id}")
    @Operation(summary = "Write a new version; a published article stays found until the new version is published")
    ArticleView revise(@PathVariable long id, @RequestBody ArticleBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        knowledge.revise(member.jurisdictionId(), id, draft(body), member.username());
        return article(id, authentication);
    }

    @PostMapping("/articles/{id}/review")
    @Operation(summary = "Submit the draft (or the pending version) for review")
    ArticleView review(@PathVariable long id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        knowledge.submitForReview(member.jurisdictionId(), id, member.username());
        return article(id, authentication);
    }

    @PostMapping("/articles/{id}/publish")
    @Operation(summary = "Publish what is in review (reviewers: supervisors, managers, administrators)")
    ArticleView publish(@PathVariable long id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (member.roles().stream()
                .noneMatch(r -> r == Role.SUPERVISOR || r == Role.DEPARTMENT_MANAGER || r == Role.ADMINISTRATOR)) {
            throw new AccessDeniedException(member.username() + " does not review knowledge articles");
        }
        knowledge.publish(member.jurisdictionId(), id, StaffAccess.reviewer(member));
        return article(id, authentication);
    }

    private static ArticleDraft draft(ArticleBody body) {
        Audience audience;
        try {
            audience = body.audience() == null
                    ? Audience.STAFF
                    : Audience.valueOf(body.audience().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("audience", "must be PUBLIC or STAFF");
        }
        return new ArticleDraft(
                body.title() == null ? "" : body.title(),
                body.body() == null ? "" : body.body(),
                body.department(),
                body.keywords() == null ? List.of() : body.keywords(),
                audience,
                body.reviewDate());
    }
}
