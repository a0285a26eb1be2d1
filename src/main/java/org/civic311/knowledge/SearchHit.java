package org.civic311.knowledge;

import org.jspecify.annotations.Nullable;

/**
 * An article that answers a query.
 *
 * @param snippet the passages that match, HTML-escaped, with the matching words in {@code <mark>}
 * @param score the rank: text relevance plus closeness of spelling
 * @param reviewDate when its editors are to check it again; an agent tells a caller an answer past it may have changed
 */
public record SearchHit(
        long id,
        String title,
        String snippet,
        @Nullable String departmentCode,
        Audience audience,
        double score,
        java.time.@Nullable LocalDate reviewDate) {}
