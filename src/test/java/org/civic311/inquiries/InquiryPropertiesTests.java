package org.civic311.inquiries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InquiryPropertiesTests {

    @Test
    void aDepartmentsCallbackHoursAreFoundWhateverCaseTheConfigurationGaveItsCode() {
        // CIVIC311_INQUIRIES_CALLBACKHOURS_SWM=8 binds as "swm".
        InquiryProperties properties = new InquiryProperties(
                Map.of("swm", 8, "Parks", 16), 4, Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofDays(2));

        assertThat(properties.callbackHoursOf("SWM")).isEqualTo(8);
        assertThat(properties.callbackHoursOf("PARKS")).isEqualTo(16);
        assertThat(properties.callbackHoursOf("TS")).as("not listed").isEqualTo(4);
    }
}
