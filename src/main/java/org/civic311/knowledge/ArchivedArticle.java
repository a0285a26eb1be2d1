package org.civic311.knowledge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An article taken out of the knowledge base: found by no search, and brought back by writing a new version of it.
 *
 * @param archivedBy who archived it, or null for an article archived before that was kept
 */
public record ArchivedArticle(
        long id,
        String title,
        @Nullable String departmentCode,
        @Nullable String archivedBy,
        @Nullable Instant archivedAt) {}
