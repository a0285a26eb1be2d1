package org.civic311.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Person;
import org.civic311.requests.Follower;
import org.civic311.requests.RequestEscalated;
import org.civic311.requests.RequestStatusChanged;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns request events into messages in the outbox: one per follower for each public status change, one to the
 * supervisor for each escalation. Events may arrive more than once (they are republished after a crash); the
 * idempotency key keeps each message single.
 */
@Component
class Notifications {

    private final JdbcClient jdbc;
    private final RequestWork work;
    private final ServiceRequests requests;
    private final Catalog catalog;
    private final MailTemplates templates;
    private final NotificationProperties properties;
    private final Clock clock;

    Notifications(
            JdbcClient jdbc,
            RequestWork work,
            ServiceRequests requests,
            Catalog catalog,
            MailTemplates templates,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.work = work;
        this.requests = requests;
        this.catalog = catalog;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(RequestStatusChanged change) {
        ServiceRequest request =
                requests.find(change.jurisdictionId(), change.publicId()).orElseThrow();
        String statusName = catalog.jurisdiction(change.jurisdictionId())
                .flatMap(j -> j.status(change.statusCode()))
                .map(s -> s.name())
                .orElse(change.statusCode());
        for (Follower follower : work.followers(change.requestId())) {
            if (!follower.channel().equals("EMAIL")) {
                continue; // SMS and social followers are told by their channel adapters
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("publicId", change.publicId());
            variables.put("serviceName", request.serviceName());
            variables.put("note", change.publicNote());
            variables.put("statusName", statusName);
            variables.put("language", follower.language());
            variables.put("unfollowUrl", url("/unfollow/" + follower.unsubscribeToken()));
            Message message = templates.render("status-update", follower.language(), variables);
            enqueue(
                    "status:" + change.noteId() + ":" + follower.id(),
                    change.requestId(),
                    follower.address(),
                    follower.language(),
                    message);
        }
    }

    @ApplicationModuleListener
    void on(RequestEscalated escalation) {
        if (escalation.personKey() == null) {
            return;
        }
        Person person = catalog.person(escalation.jurisdictionId(), escalation.personKey())
                .orElse(null);
        if (person == null) {
            return;
        }
        ServiceRequest request = requests.find(escalation.jurisdictionId(), escalation.publicId())
                .orElseThrow();
        Map<String, Object> variables = new HashMap<>();
        variables.put("publicId", escalation.publicId());
        variables.put("serviceName", request.serviceName());
        variables.put("reason", escalation.reason());
        variables.put("language", "en");
        variables.put("consoleUrl", url("/staff/requests/" + escalation.publicId()));
        enqueue(
                "escalation:" + escalation.escalationId(),
                escalation.requestId(),
                person.email(),
                "en",
                templates.render("escalation", "en", variables));
    }

    private void enqueue(String key, long requestId, String recipient, String language, Message message) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, request_id, channel, recipient, language, subject,
                            body_text, body_html, created_at, next_attempt_at)
                        values (:key, :request, 'EMAIL', :recipient, :language, :subject, :text, :html, :now, :now)
                        on conflict (idempotency_key) do nothing""")
                .param("key", key)
                .param("request", requestId)
                .param("recipient", recipient)
                .param("language", language)
                .param("subject", message.subject())
                .param("text", message.text())
                .param("html", message.html())
                .param("now", Timestamp.from(now))
                .update();
    }

    private String url(String path) {
        return properties.publicUrl().toString().replaceAll("/+$", "") + path;
    }
}
