package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reply by mail is read for what the resident wrote, not for what their mail program quoted. */
class QuotedReplyTests {

    @Test
    void aQuotedEarlierReplyBelowTheResidentsWordsIsLeftOut() {
        String gmail =
                """
                Thank you!

                On Tue, Nov 24, 2026 at 9:02 AM 311 Toronto <311@toronto.ca>
                wrote:
                > A crew is on its way to the downed wire on Elm St.
                > Sam R.
                """;
        assertThat(QuotedReply.newWords(gmail, "Re: Wires")).isEqualTo("Thank you!");
        String french =
                """
                Merci beaucoup.

                Le mar. 24 nov. 2026 à 09:02, 311 Toronto <311@toronto.ca> a écrit :
                > Une équipe est en route pour le fil tombé.
                """;
        assertThat(QuotedReply.newWords(french, "RE: Fil")).isEqualTo("Merci beaucoup.");
    }

    @Test
    void outlooksHeaderBlockAndEverythingBelowItIsLeftOut() {
        String outlook =
                """
                It is still there this morning.

                ________________________________
                From: 311 Toronto <311@toronto.ca>
                Sent: Tuesday, November 24, 2026 9:02 AM
                To: Ana Lima
                Subject: RE: Gas smell reported on Elm

                A crew is on its way about the gas smell.
                """;
        assertThat(QuotedReply.newWords(outlook, "RE: Gas smell reported on Elm"))
                .isEqualTo("It is still there this morning.");
        assertThat(QuotedReply.newWords("Ok.\n-----Original Message-----\nFrom: 311\nfire on Elm", null))
                .isEqualTo("Ok.");
    }

    @Test
    void answersWrittenBetweenQuotedLinesAreKept() {
        String inline =
                """
                > Which side of the street?
                North side, in front of 41 Elm.
                > Is it blocking traffic?
                Yes, the curb lane.
                """;
        assertThat(QuotedReply.newWords(inline, "Re: Pothole"))
                .isEqualTo("North side, in front of 41 Elm.\nYes, the curb lane.");
    }

    @Test
    void answersWrittenBetweenTheLinesOfAQuotedReplyAreKeptAsMailArrivesWithCrlf() {
        String interleaved = "Answers below.\r\n\r\nOn Tue, Nov 24, 2026 at 9:02 AM 311 Toronto <311@toronto.ca>\r\n"
                + "wrote:\r\n> Which side of the street?\r\nNorth side, the wire is down and sparking\r\n"
                + "> Is anyone hurt?\r\nNo\r\n";
        assertThat(QuotedReply.newWords(interleaved, "Re: Wire"))
                .isEqualTo("Answers below.\n\nNorth side, the wire is down and sparking\nNo");
    }

    @Test
    void aForwardedMailIsWhatTheResidentSendsAndStays() {
        String forwarded =
                """
                See below, from my neighbour.

                ---------- Forwarded message ---------
                From: Neighbour <n@example.org>
                Date: Mon, Nov 23, 2026 at 8:00 PM
                Subject: Bins

                The bins were not collected on Elm again.
                """;
        assertThat(QuotedReply.newWords(forwarded, "Fwd: Bins")).isEqualTo(forwarded.strip());
        assertThat(QuotedReply.newWords(forwarded, "Bins")).isEqualTo(forwarded.strip());
    }

    @Test
    void aMessageThatIsAllQuoteIsKeptWhole() {
        String onlyQuote = "> A crew is on its way.\n";
        assertThat(QuotedReply.newWords(onlyQuote, "Re: x")).isEqualTo(onlyQuote);
    }
}
