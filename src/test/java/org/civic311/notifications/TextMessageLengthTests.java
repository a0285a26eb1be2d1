package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextMessageLengthTests {

    static final String TAIL = " https://311.example/requests/1000001 ^Luis O.\nStop updates: reply STOP";

    @Test
    void aLongClosingNoteIsCutAtAWordToFourSegmentsKeepingTheLinkAndTheStopLine() {
        String note = "We looked into it and the bins were collected as scheduled. ".repeat(30);

        String text = Notifications.textMessage("Update on request 1000001: ", note, TAIL);

        assertThat(SmsSegments.of(text)).isLessThanOrEqualTo(Replies.MAX_SMS_SEGMENTS);
        assertThat(text).startsWith("Update on request 1000001: We looked").endsWith("..." + TAIL);
        String kept = text.substring("Update on request 1000001: ".length(), text.indexOf("..."));
        assertThat(note).as("cut where a word ends").contains(kept + " ");
    }

    @Test
    void aShortNoteGoesWhole() {
        assertThat(Notifications.textMessage("Update on request 1000001: ", "Fixed today.", TAIL))
                .isEqualTo("Update on request 1000001: Fixed today." + TAIL);
    }

    @Test
    void aFrenchNoteIsCutToFourOfTheShorterSegmentsItsAccentsNeed() {
        String note = "Nous avons vérifié : la collecte a eu lieu à l'heure prévue, et l'équipe repassera. ".repeat(20);

        String text = Notifications.textMessage("Demande 1000001 : ", note, TAIL);

        assertThat(SmsSegments.of(text)).isLessThanOrEqualTo(Replies.MAX_SMS_SEGMENTS);
        assertThat(text).endsWith("..." + TAIL);
    }
}
