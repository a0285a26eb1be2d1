package org.civic311.requests;

/**
 * Someone asked to follow a request by email or text message: they are sent a link to confirm that the address is
 * theirs.
 */
public record FollowConfirmationRequested(
        long requestId,
        String jurisdictionId,
        String publicId,
        FollowerChannel channel,
        String address,
        String token,
        String language) {

    /** How long the link works: an address found in an old message confirms nothing. */
    public static final java.time.Duration VALID_FOR = java.time.Duration.ofDays(7);
}
