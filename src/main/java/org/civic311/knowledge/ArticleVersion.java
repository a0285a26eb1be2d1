package org.civic311.knowledge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One version of an article: what it said, who wrote it, when. */
public record ArticleVersion(
        int version,
        String title,
        String body,
        String author,
        Instant at,
        @Nullable String publishedBy,
        @Nullable Instant publishedAt) {}
