package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostLengthTests {

    @Test
    void everyLinkCountsAs23Characters() {
        String text = "See https://www.toronto.ca/services-payments/streets-parking-transportation/ for more";
        assertThat(PostLength.X.of(text)).isEqualTo("See ".length() + 23 + " for more".length());
    }

    @Test
    void xCountsChineseAndEmojiAsTwoAndLatinLettersAsOne() {
        assertThat(PostLength.X.of("路灯坏了".repeat(35))).isEqualTo(280);
        assertThat(PostLength.X.fits("路灯坏了".repeat(35) + "。")).isFalse();
        // A family of four is seven code points joined, and one emoji to X; accents are letters like any other.
        assertThat(PostLength.X.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"))
                .isEqualTo(2);
        assertThat(PostLength.X.of("Merci, rue Sainte-Catherine — à bientôt")).isEqualTo(39);
        assertThat(PostLength.FEDIVERSE.of("路灯坏了")).isEqualTo(4);
    }

    @Test
    void aNoteInChineseIsShortenedToWhatXTakes() {
        String fitted = PostLength.X.fit("请求 1000001：", "路灯坏了".repeat(60), " ^311");
        assertThat(PostLength.X.of(fitted)).isLessThanOrEqualTo(280).isGreaterThan(270);
    }

    @Test
    void aLongNoteIsShortenedWithAnEllipsisKeepingTheHeadAndTheSignature() {
        String fitted = PostLength.X.fit("Update on request 1000001: ", "word ".repeat(100), " — Luis Ortega");
        assertThat(PostLength.X.of(fitted)).isLessThanOrEqualTo(280);
        assertThat(fitted).startsWith("Update on request 1000001: word").endsWith("… — Luis Ortega");
        assertThat(PostLength.FEDIVERSE.fit("A: ", "short note", " — B")).isEqualTo("A: short note — B");
    }
}
