package org.civic311.requests;

/**
 * What a "stop following" link is for.
 *
 * @param publicId the request followed
 * @param stopped whether the link was used already: its follower hears no more
 */
public record Following(String publicId, boolean stopped) {}
