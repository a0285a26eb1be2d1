package org.civic311.notifications;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address residents reach Civic311 at, for links in messages
 * @param from the sender of email messages
 * @param lease how long an instance holds a message it is sending; a message whose instance died mid-send is sent
 *     by another (or the restarted one) once its lease ends, so it must outlast the slowest send (a reply on X
 *     with four photos may take five minutes at the senders' time-outs)
 */
@ConfigurationProperties("civic311.notifications")
record NotificationProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("311 <no-reply@demo.civic311.org>") String from,
        @DefaultValue("PT10M") java.time.Duration lease) {}
