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
}
