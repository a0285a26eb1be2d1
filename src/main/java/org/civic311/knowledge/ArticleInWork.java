package org.civic311.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An article on knowledge staff's work list.
 *
 * @param published whether a version of it is live (the stage then concerns its new version, or its review date)
 */
public record ArticleInWork(
        long id,
        String title,
        @Nullable String departmentCode,
        Stage stage,
        boolean published,
        String lastAuthor,
        Instant updatedAt,
        @Nullable LocalDate reviewDate) {

    /** What the article waits for. */
    public enum Stage {
        /** Its author is still writing it. */
        DRAFT,
        /** Someone other than its last author to review and publish it. */
        IN_REVIEW,
        /** Published, and its review date has come: is it still right? */
        REVIEW_DUE
    }
}
