package org.civic311.requests;

import org.jspecify.annotations.Nullable;

/**
 * The reporter of a new request left an email and follows it from the start: notifications tell them it arrived.
 * Published only then, so that the many reports without one cost the outbox nothing.
 *
 * @param confirmToken for an address typed into a form or an app, which anyone could have typed: the token that
 *     confirms it is the reporter's, without which it hears of nothing after this acknowledgement; null for an
 *     address staff took from the person or the message itself
 */
public record FollowedByReporter(
        long requestId, String jurisdictionId, String publicId, Channel channel, @Nullable String confirmToken) {}
