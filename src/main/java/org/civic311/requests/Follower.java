package org.civic311.requests;

import org.jspecify.annotations.Nullable;

/**
 * Someone who hears about a request's progress: the reporter, or anyone who asked to follow it.
 *
 * @param channel how they are reached
 * @param address where to reach them in that channel: an email address, a phone number, or the id of the post
 *     whose thread updates are replied into
 * @param language an IETF language tag such as {@code en} or {@code fr}
 * @param unsubscribeToken the secret in every message's "stop following" link
 * @param visibility for a Mastodon thread, the visibility its replies keep
 * @param resident the account that follows through a post's thread (an X or Mastodon account), when that is not
 *     the address: Mastodon replies mention it, or it would never hear of them
 */
public record Follower(
        long id,
        long requestId,
        FollowerChannel channel,
        String address,
        String language,
        // A secret of the follower's own messages: never in what staff or integrations read.
        @com.fasterxml.jackson.annotation.JsonIgnore String unsubscribeToken,
        @Nullable String visibility,
        @Nullable String resident) {}
