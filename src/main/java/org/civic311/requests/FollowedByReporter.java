package org.civic311.requests;

/**
 * The reporter of a new request left an email and follows it from the start: notifications tell them it arrived.
 * Published only then, so that the many reports without one cost the outbox nothing.
 */
public record FollowedByReporter(long requestId, String jurisdictionId, String publicId, Channel channel) {}
