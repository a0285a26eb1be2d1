package org.civic311.requests;

/**
 * Someone who hears about a request's progress: the reporter, or anyone who asked to follow it.
 *
 * @param channel {@code EMAIL}, {@code SMS} or {@code SOCIAL}
 * @param address where to reach them in that channel (an email address, a phone number, a social thread)
 * @param language an IETF language tag such as {@code en} or {@code fr}
 * @param unsubscribeToken the secret in every message's "stop following" link
 */
public record Follower(
        long id, long requestId, String channel, String address, String language, String unsubscribeToken) {}
