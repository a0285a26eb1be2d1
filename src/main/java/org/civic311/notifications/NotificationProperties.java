package org.civic311.notifications;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address residents reach Civic311 at, for links in messages
 * @param from the sender of email messages, to which residents' answers come back: the mailbox the inbox reads
 * @param replyTo where residents' answers to mail go, when the sender is not that mailbox (a city whose mail must come
 *     from a no-reply address): the mailbox the inbox reads; none by default
 * @param lease how long an instance holds a message it is sending; a message whose instance died mid-send is sent
 *     by another (or the restarted one) once its lease ends, so it must outlast the slowest send (a reply on X
 *     with four photos may take five minutes at the senders' time-outs)
 */
@ConfigurationProperties("civic311.notifications")
record NotificationProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue(NotificationSettingsCheck.DEMO_SENDER) String from,
        @DefaultValue("PT10M") java.time.Duration lease,
        @org.jspecify.annotations.Nullable String replyTo) {

    NotificationProperties {
        // Every link sent to a resident starts with it: one that is not a web address would be sent broken to all.
        String scheme =
                publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("civic311.notifications.public-url must be the web address residents"
                    + " reach Civic311 at, such as https://311.example.org; it is " + publicUrl);
        }
    }

    /** Whether the links in messages would lead only to the machine they are opened on, as in a demo. */
    boolean publicUrlIsThisMachine() {
        String host = publicUrl.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("0.0.0.0");
    }
}
