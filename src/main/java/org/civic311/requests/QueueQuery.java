package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A department's work queue, filtered. Without statuses it shows open requests, soonest due first; with statuses,
 * open ones so and then closed ones, the most recently closed first (those are looked for to reopen or to answer).
 *
 * @param departmentCode the department; null for requests returned to 311 for re-routing
 * @param words what a caller gives instead of a number: words of the address or description, or (when
 *     {@code byReporter}) the reporter's email address or phone number
 * @param byReporter whether the words may match the reporter: only for those who may read the queue's reporters
 * @param offset how many of the queue's requests come before the page
 * @param updatedSince only requests changed at or after this moment, open and closed alike unless statuses are given,
 *     the least recently changed first: what a work-order system reads to keep in step
 * @param afterId with {@code updatedSince}, the id of the last request read that changed at that very moment: the
 *     next page starts after it, where an offset would skip a request when one before it changed meanwhile
 */
public record QueueQuery(
        String jurisdictionId,
        @Nullable String departmentCode,
        List<String> statusCodes,
        @Nullable String serviceCode,
        @Nullable String wardCode,
        @Nullable Instant dueBefore,
        @Nullable String assignee,
        @Nullable String words,
        boolean byReporter,
        int limit,
        int offset,
        @Nullable Instant updatedSince,
        @Nullable Long afterId) {

    /** As the assignee: the requests nobody holds yet (no one is ever assigned as an empty name). */
    public static final String NOBODY = "";

    /** The longest search a queue takes. */
    public static final int MAX_WORDS = 200;

    /** The same query, its page starting at {@code from}. */
    public QueueQuery from(int from) {
        return new QueueQuery(
                jurisdictionId,
                departmentCode,
                statusCodes,
                serviceCode,
                wardCode,
                dueBefore,
                assignee,
                words,
                byReporter,
                limit,
                from,
                updatedSince,
                afterId);
    }

    /** The same query, narrowed to the requests already past their due time at {@code now}: what is overdue. */
    public QueueQuery overdueAt(Instant now) {
        return new QueueQuery(
                jurisdictionId,
                departmentCode,
                statusCodes,
                serviceCode,
                wardCode,
                dueBefore == null || now.isBefore(dueBefore) ? now : dueBefore,
                assignee,
                words,
                byReporter,
                limit,
                offset,
                updatedSince,
                afterId);
    }

    public QueueQuery {
        statusCodes = List.copyOf(statusCodes);
        if (words != null && words.length() > MAX_WORDS) {
            throw new org.civic311.common.InvalidInputException("q", "is longer than " + MAX_WORDS + " characters");
        }
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("a queue's page needs a limit from 1 and an offset from 0");
        }
    }
}
