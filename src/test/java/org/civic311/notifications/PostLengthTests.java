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

    @Test
    void aShortenedNoteEndsWithAWholeWordAndNeverHalfALink() {
        String note =
                "The crew came by on Tuesday and found the bins upright; the route supervisor will ride along next"
                        + " week to see it done right, and again the week after, to be sure the bins are left where they"
                        + " belong. More at https://www.toronto.ca/services-payments/recycling-organics-garbage/ and in the"
                        + " collection calendar.";
        String words = PostLength.X.fit("Update on request 1000001: ", note, " https://311.example/r/1 ^Sam R.");
        assertThat(PostLength.X.of(words)).isLessThanOrEqualTo(280);
        assertThat(words).contains("…");
        String kept = words.substring(0, words.indexOf("…"));
        assertThat(note).contains(kept.substring("Update on request 1000001: ".length()) + " ");

        String link = PostLength.X.fit(
                "Update on request 1000001: ",
                "Done. " + "word ".repeat(40) + "see https://www.toronto.ca/311 for more",
                " https://311.example/r/1 ^Sam R.");
        assertThat(link).doesNotContainPattern("https?://[^\\s…]*…").contains("word see…");
    }

    @Test
    void mastodonCountsAMentionOfAnotherServersAccountByItsNameAlone() {
        assertThat(PostLength.FEDIVERSE.of("@amara_on_queen@mastodon.social thanks"))
                .isEqualTo("@amara_on_queen thanks".length());
        assertThat(PostLength.FEDIVERSE.of("Write to 311@toronto.ca"))
                .as("an email address is not a mention")
                .isEqualTo("Write to 311@toronto.ca".length());
        String reply = PostLength.FEDIVERSE.fit(
                "@amara_on_queen@mastodon.social Update on request 1000001: ", "word ".repeat(120), " ^Sam R.");
        assertThat(reply.length()).as("the whole room of the post is used").isGreaterThan(500);
    }

    @Test
    void xCountsADomainWrittenWithoutItsSchemeAsALinkButNotAnEmailAddress() {
        assertThat(PostLength.X.of("See toronto.ca/311 now")).isEqualTo("See ".length() + 23 + " now".length());
        assertThat(PostLength.X.of("Write to 311@toronto.ca")).isEqualTo("Write to 311@toronto.ca".length());
        assertThat(PostLength.FEDIVERSE.of("See toronto.ca/311 now"))
                .as("Mastodon counts only links with their scheme")
                .isEqualTo("See toronto.ca/311 now".length());
    }
}
