package org.civic311.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start, where the operator reads, when a city's messages would carry links to this machine alone: every
 * confirmation, update and stop link would then be dead for the residents who receive it. The demo city is meant to
 * run on this machine, so it is left unsaid there.
 */
@Component
class PublicUrlCheck {

    private static final Logger log = LoggerFactory.getLogger(PublicUrlCheck.class);

    private final NotificationProperties properties;
    private final boolean demo;

    PublicUrlCheck(NotificationProperties properties, @Value("${civic311.demo.enabled:false}") boolean demo) {
        this.properties = properties;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenLinksWouldNotReachResidents() {
        warning().ifPresent(log::warn);
    }

    java.util.Optional<String> warning() {
        if (demo || !properties.publicUrlIsThisMachine()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("civic311.notifications.public-url is " + properties.publicUrl()
                + ": the links in messages to residents (confirmations, updates, stopping them) lead to this machine"
                + " alone. Set it to the address residents reach Civic311 at, such as https://311.example.org.");
    }
}
