package org.civic311.inquiries;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A question the knowledge base could not answer: an inquiry escalated to a department, with what its person said
 * when they called back. What editors write next comes from these.
 *
 * @param answer the latest outcome recorded for a callback, or null while none is
 */
public record KnowledgeGap(
        String reference, String question, @Nullable String departmentCode, Instant askedAt, @Nullable String answer) {}
