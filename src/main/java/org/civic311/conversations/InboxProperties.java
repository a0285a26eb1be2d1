package org.civic311.conversations;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The channels the inbox listens to. A channel without its credentials is not listened to; a webhook that cannot be
 * checked is refused.
 *
 * @param photoHosts the hosts photos of incoming messages may be fetched from (the providers' media hosts)
 *     <p>A mailbox, the SMTP endpoint and a Mastodon account each serve one city ({@code jurisdiction}); it may be
 *     left out where Civic311 serves one city alone. Webhooks are told their city by the address they are called at.
 */
@ConfigurationProperties("civic311.inbox")
record InboxProperties(
        @DefaultValue X x,
        @DefaultValue Sms sms,
        @DefaultValue Mastodon mastodon,
        @DefaultValue Email email,
        @DefaultValue Smtp smtp,
        // Twilio's media address redirects to its CDN. Not Amazon S3's shared host, where an older account's media may
        // be: it serves anyone's bucket, so a forged message could have any content fetched from it.
        @DefaultValue({"pbs.twimg.com", "ton.twitter.com", "api.twilio.com", "media.twiliocdn.com", "mms.twiliocdn.com"
                })
                List<String> photoHosts,
        @DefaultValue("10MB") org.springframework.util.unit.DataSize maxPhotoSize,
        // A resident left waiting this long by the agent who holds their conversation may be answered by another.
        @DefaultValue("PT4H") java.time.Duration holdFor) {

    /** X's Account Activity webhook: the app's consumer secret signs every delivery and the CRC challenge. */
    record X(@Nullable String consumerSecret) {}

    /** Twilio's inbound webhook, signed with the account's auth token; MMS photos are fetched with the account. */
    record Sms(@Nullable String accountSid, @Nullable String authToken) {

        /** The account's credentials, as Twilio asks for its media: HTTP Basic; null when not configured. */
        @Nullable
        String authorization() {
            if (accountSid == null || authToken == null) {
                return null;
            }
            return "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString(
                                    (accountSid + ":" + authToken).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Mentions of the city's Mastodon account, polled from its notifications. */
    record Mastodon(
            @Nullable String baseUrl,
            @Nullable String accessToken,
            @DefaultValue("PT30S") Duration every,
            @Nullable String jurisdiction) {}

    /**
     * Mail taken in directly over SMTP, for a city whose mail server forwards 311's mail rather than keeping it in a
     * mailbox. Off unless a port is set (0 picks a free one).
     *
     * @param recipients the addresses accepted; mail to any other is refused with 550
     * @param clients the mail servers allowed to hand mail over, as addresses or networks (10.0.4.2, 10.0.4.0/24);
     *     none listed, only this machine's own: mail taken from anyone would skip the checks of who sent it (SPF,
     *     DMARC) that the city's mail server makes
     * @param maxConnections how many connections are served at once; more are told to come back later (421)
     */
    record Smtp(
            @Nullable Integer port,
            @DefaultValue("127.0.0.1") String address,
            @DefaultValue List<String> recipients,
            @DefaultValue("25MB") org.springframework.util.unit.DataSize maxSize,
            @Nullable String jurisdiction,
            @DefaultValue List<String> clients,
            @DefaultValue("20") int maxConnections) {}

    /** A mailbox read by IMAP. */
    record Email(
            @Nullable String host,
            @DefaultValue("993") int port,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("true") boolean ssl,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("PT30S") Duration every,
            @Nullable String jurisdiction) {}
}
