package org.civic311.notifications;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start, where the operator reads, when a city's messages would fail the residents who receive them: links
 * to this machine alone (every confirmation, update and stop link dead), or mail sent from the demo's address (which
 * the city's domain does not vouch for, and to which no resident's answer should go), or mail handed to the port on
 * this machine that the demo's settings name, where no city's mail server listens (every message retried for a week,
 * then given up, with nothing else said). The demo city is meant to run on this machine with its own address, so it
 * is left unsaid there.
 */
@Component
class NotificationSettingsCheck {

    private static final Logger log = LoggerFactory.getLogger(NotificationSettingsCheck.class);

    static final String DEMO_SENDER = "311 <no-reply@demo.civic311.org>";

    private final NotificationProperties properties;
    /** Where the demo's settings hand mail: a port of this machine that a test's or a developer's mail catcher takes. */
    static final String DEMO_MAIL_SERVER = "localhost:2525";

    private final boolean demo;
    private final String mailServer;

    NotificationSettingsCheck(
            NotificationProperties properties,
            @Value("${civic311.demo.enabled:false}") boolean demo,
            @Value("${spring.mail.host:}") String mailHost,
            @Value("${spring.mail.port:25}") int mailPort) {
        this.properties = properties;
        this.demo = demo;
        this.mailServer = mailHost + ":" + mailPort;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenMessagesWouldFailResidents() {
        warnings().forEach(log::warn);
    }

    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (demo) {
            return warnings;
        }
        if (properties.publicUrlIsThisMachine()) {
            warnings.add("civic311.notifications.public-url is " + properties.publicUrl()
                    + ": the links in messages to residents (confirmations, updates, stopping them) lead to this"
                    + " machine alone. Set it to the address residents reach Civic311 at, such as"
                    + " https://311.example.org.");
        }
        if (properties.from().equals(DEMO_SENDER)) {
            warnings.add("civic311.notifications.from is the demo's sender, " + DEMO_SENDER + ": mail to residents"
                    + " would come from a domain that is not the city's, and their answers go nowhere. Set it to the"
                    + " city's 311 mailbox, the one the inbox reads, such as 311 <311@example.org>.");
        }
        if (mailServer.equals(DEMO_MAIL_SERVER) || mailServer.startsWith(":")) {
            warnings.add("spring.mail.host and spring.mail.port are " + mailServer + ", the demo's: no mail to"
                    + " residents, supervisors or departments goes out until they name the city's mail server (each"
                    + " message is retried, then given up after a week). Set them, with spring.mail.username and"
                    + " spring.mail.password, such as SPRING_MAIL_HOST=smtp.example.org and SPRING_MAIL_PORT=587.");
        }
        return warnings;
    }
}
