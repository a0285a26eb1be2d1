package org.civic311.knowledge;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The content of an article, as an editor writes it.
 *
 * @param reviewDate when the article should be checked again
 */
public record ArticleDraft(
        String title,
        String body,
        @Nullable String departmentCode,
        List<String> keywords,
        Audience audience,
        @Nullable LocalDate reviewDate) {

    public ArticleDraft {
        // A JSON list may hold nulls ("keywords": ["water", null]): they say nothing, and List.copyOf refuses them.
        keywords = keywords.stream().filter(java.util.Objects::nonNull).toList();
    }
}
