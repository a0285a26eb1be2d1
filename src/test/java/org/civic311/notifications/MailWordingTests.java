package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailWordingTests {

    final MailTemplates templates = new MailTemplates();

    @Test
    void anApostropheReadsOnceInASentenceWithoutArgumentsAsInOneWithThem() {
        assertThat(templates.text("request-received.confirm", "fr"))
                .contains("si vous n'avez pas fait ce signalement")
                .doesNotContain("''");
        assertThat(templates.text("request-received.expected", "fr", "24 novembre"))
                .isEqualTo("Elle devrait être traitée d'ici le 24 novembre.");
        assertThat(templates
                        .render(
                                "request-received",
                                "fr",
                                Map.of(
                                        "publicId", "1000001",
                                        "serviceName", "Graffiti",
                                        "expected", "",
                                        "trackUrl", "https://311.example/requests/1000001",
                                        "confirmUrl", "https://311.example/confirm/x",
                                        "unfollowUrl", "https://311.example/unfollow/y"))
                        .text())
                .doesNotContain("''");
    }
}
