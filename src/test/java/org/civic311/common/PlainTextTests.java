package org.civic311.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTests {

    @Test
    void charactersNoDocumentMayCarryAreDroppedAndEverythingElseKept() {
        String typed = "Pothole\uFFFF at the corner\uD800 \u0000of Queen 🕳️\nsince Monday";
        assertThat(PlainText.multiLine(typed)).isEqualTo("Pothole at the corner of Queen 🕳️\nsince Monday");
        assertThat(PlainText.singleLine(typed)).isEqualTo("Pothole at the corner of Queen 🕳️ since Monday");
    }

    @Test
    void aMessageWithAReadyAnswersOpeningOrBlankLeftInItIsUnfinished() {
        assertThat(PlainText.unfinished("No work is needed. Here is why: ")).contains("ends with a colon");
        assertThat(PlainText.unfinished("We will be back on [day of the visit]."))
                .contains("the blank [day of the visit]");
        assertThat(PlainText.unfinished("Dear {name}, it is done.")).contains("the blank {name}");
        assertThat(PlainText.unfinished("Collection moves to ____ next week.")).contains("the blank ____");
        assertThat(PlainText.unfinished("Fixed: the crew patched it at 10:30. Thank you!"))
                .isNull();
        assertThat(PlainText.unfinished("We called [name] at [phone number] about [address], [unit]."))
                .as("the marks Civic311 writes where it masked something are not blanks")
                .isNull();
        assertThat(PlainText.unfinished("See the schedule (Zone B) and call 311 [or 416-392-2489] if late."))
                .as("an aside in brackets with figures is the writer's, not a blank")
                .isNull();
    }

    @Test
    void aLineBreakIsOneCharacterHoweverItWasSent() {
        // A browser counts a note's line break as one character against maxlength and sends it as two.
        assertThat(PlainText.multiLine("Patched.\r\nCrew back Monday.\rThanks"))
                .isEqualTo("Patched.\nCrew back Monday.\nThanks");
    }

    @Test
    void tagsAreMarkupButAnAddressOrALinkInAngleBracketsAndComparisonsAreNot() {
        for (String markup : new String[] {
            "<script>alert(1)</script>",
            "a <b>bold</b> claim",
            "<!-- hidden -->",
            "<img src=x onerror=alert(1)>",
            "</p>",
            "<img/src/onerror=alert(1)//@x>",
            "<svg/onload=alert(1)@x>",
            "<https://x/onerror=alert(1)>"
        }) {
            org.assertj.core.api.Assertions.assertThat(PlainText.containsMarkup(markup))
                    .as(markup)
                    .isTrue();
        }
        for (String text : new String[] {
            "Call me, Jane <jane@example.com>",
            "See <https://example.org/photo.jpg>",
            "the hole is < 2 m wide and > 1 m deep",
            "I <3 this park",
            "Pat <pat.o'brien@example.ie>",
            "José <josé@exemple.fr>",
            "<https://fr.wikipedia.org/wiki/Rue_de_l'Église>",
            "<https://example.org/?q=a&onstreet=Main>",
            "Write to <mailto:jane@example.com>"
        }) {
            org.assertj.core.api.Assertions.assertThat(PlainText.containsMarkup(text))
                    .as(text)
                    .isFalse();
        }
    }
}
