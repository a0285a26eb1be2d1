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
    void aLongNoteIsShortenedWithAnEllipsisKeepingTheHeadAndTheSignature() {
        String fitted = PostLength.X.fit("Update on request 1000001: ", "word ".repeat(100), " — Luis Ortega");
        assertThat(PostLength.X.of(fitted)).isLessThanOrEqualTo(280);
        assertThat(fitted).startsWith("Update on request 1000001: word").endsWith("… — Luis Ortega");
        assertThat(PostLength.FEDIVERSE.fit("A: ", "short note", " — B")).isEqualTo("A: short note — B");
    }
}
