package org.civic311.notifications;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the outside channels. Each provider is reached at a configurable base URL; a channel without its
 * credentials keeps its messages in the outbox until it is configured.
 */
@ConfigurationProperties("civic311.channels")
record ChannelProperties(Sms sms, X x, Mastodon mastodon) {

    /** A Twilio-compatible SMS provider. */
    record Sms(
            @DefaultValue("https://api.twilio.com") String baseUrl,
            @Nullable String accountSid,
            @Nullable String authToken,
            @Nullable String from) {

        boolean configured() {
            return accountSid != null && authToken != null && from != null;
        }
    }

    /** The X API (v2), with the city account's user access token. */
    record X(@DefaultValue("https://api.x.com") String baseUrl, @Nullable String accessToken) {}

    /** The city's Mastodon instance, with the account's access token. */
    record Mastodon(@Nullable String baseUrl, @Nullable String accessToken) {}
}
