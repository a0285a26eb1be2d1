package org.civic311.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.civic311.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class ServiceAttributeTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final List<AttributeValue> SIZES =
            List.of(new AttributeValue("SMALL", "Small"), new AttributeValue("LARGE", "Large"));

    static ServiceAttribute question(AttributeDatatype datatype, boolean required) {
        return new ServiceAttribute(
                "Q", true, datatype, required, null, 1, "The question", datatype.isList() ? SIZES : List.of(), false);
    }

    @Test
    void aRequiredQuestionRefusesABlankAnswer() {
        assertThatThrownBy(() -> question(AttributeDatatype.STRING, true).normalise(List.of("  "), TORONTO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("answers.Q is required");
        assertThat(question(AttributeDatatype.STRING, false).normalise(List.of(), TORONTO))
                .isEmpty();
    }

    @Test
    void numbersAreCanonical() {
        assertThat(question(AttributeDatatype.NUMBER, true).normalise(List.of(" 2.50 "), TORONTO))
                .containsExactly("2.5");
        assertThatThrownBy(() -> question(AttributeDatatype.NUMBER, true).normalise(List.of("NaN"), TORONTO))
                .hasMessageContaining("must be a number");
    }

    @Test
    void datesWithoutAnOffsetAreReadInTheJurisdictionsZone() {
        assertThat(question(AttributeDatatype.DATETIME, true).normalise(List.of("2026-07-01T08:00"), TORONTO))
                .containsExactly("2026-07-01T08:00-04:00");
        assertThat(question(AttributeDatatype.DATETIME, true).normalise(List.of("2026-07-01T08:00Z"), TORONTO))
                .containsExactly("2026-07-01T08:00Z");
        assertThatThrownBy(() -> question(AttributeDatatype.DATETIME, true).normalise(List.of("July 1st"), TORONTO))
                .hasMessageContaining("ISO 8601");
    }

    @Test
    void listsAcceptOnlyTheirKeys() {
        assertThat(question(AttributeDatatype.SINGLEVALUELIST, true).normalise(List.of("LARGE"), TORONTO))
                .containsExactly("LARGE");
        assertThatThrownBy(() ->
                        question(AttributeDatatype.SINGLEVALUELIST, true).normalise(List.of("SMALL", "LARGE"), TORONTO))
                .hasMessageContaining("takes one value");
        assertThat(question(AttributeDatatype.MULTIVALUELIST, true)
                        .normalise(List.of("LARGE", "SMALL", "LARGE"), TORONTO))
                .containsExactly("LARGE", "SMALL");
        assertThatThrownBy(
                        () -> question(AttributeDatatype.MULTIVALUELIST, true).normalise(List.of("HUGE"), TORONTO))
                .hasMessageContaining("must be one of [SMALL, LARGE]");
    }

    @Test
    void textsHaveTheirLimits() {
        assertThat(question(AttributeDatatype.TEXT, true).normalise(List.of("a\nb"), TORONTO))
                .containsExactly("a\nb");
        assertThatThrownBy(() -> question(AttributeDatatype.STRING, true).normalise(List.of("x".repeat(256)), TORONTO))
                .hasMessageContaining("longer than 255");
    }

    @Test
    void anInformationalAttributeCannotBeRequired() {
        assertThatThrownBy(() -> new ServiceAttribute(
                        "N", false, AttributeDatatype.TEXT, true, null, 1, "Notice", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
