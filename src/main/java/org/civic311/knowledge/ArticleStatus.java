package org.civic311.knowledge;

/** Where an article stands: only published articles are found by search. */
public enum ArticleStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED,
    ARCHIVED
}
