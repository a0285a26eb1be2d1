package org.civic311.requests;

import java.time.Instant;

/** A new request was accepted and stored; routing, duplicate checks and notifications react to it. */
public record ServiceRequestSubmitted(
        long requestId, String jurisdictionId, String publicId, String serviceCode, Channel channel, Instant at) {}
