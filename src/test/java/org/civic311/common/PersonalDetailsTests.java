package org.civic311.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDetailsTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Call me at 416-555-0199 after six|Call me at [phone number] after six",
                "phone (416) 555 0199.|phone [phone number].",
                "+1 416.555.0199 or 4165550199|[phone number] or [phone number]",
                "mon numéro : +33 1 23 45 67 89|mon numéro : [phone number]",
                "write to jane.doe+311@example.org, thanks|write to [email address], thanks",
                "Courriel : rené@exemple.québec|Courriel : [email address]"
            })
    void emailAddressesAndPhoneNumbersAreReplacedByWhatTheyWere(String text, String masked) {
        assertThat(PersonalDetails.masked(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Pothole outside 1234 Queen St W since 2026-11-20, about 30 cm deep",
                "Tracking number 101004115, and the older 1010041159",
                "Between 10:30 and 11:45, postal code M5V 2T6, ward 10",
                "The fine was $1,250.00 and the meter is 4012",
                "About +1000 people, +2024 over last year, at +43.6532 and +12.345, +20 cm of water",
            })
    void placesDatesAmountsAndTrackingNumbersAreLeftAlone(String text) {
        assertThat(PersonalDetails.masked(text)).isEqualTo(text);
    }
}
