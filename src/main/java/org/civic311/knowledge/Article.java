package org.civic311.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An article of the knowledge base, at its current version. */
public record Article(
        long id,
        String jurisdictionId,
        String title,
        String body,
        @Nullable String departmentCode,
        List<String> keywords,
        Audience audience,
        @Nullable LocalDate reviewDate,
        ArticleStatus status,
        int version,
        String lastAuthor,
        Instant updatedAt) {}
