package org.civic311.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
    @CsvSource(
            delimiter = '|',
            value = {
                "call me at 416 - 555 - 0199 please|call me at [phone number] please",
                "416/555/0199 or 416-555-0199x23 or 416.555.0199 ext. 23|[phone number] or [phone number] or [phone number]",
                "my cell is 555-0199, evenings|my cell is [phone number], evenings",
                "Tél. : 555 - 0199|Tél. : [phone number]",
                "jane.doe at gmail dot com|[email address]",
                "write to jane.doe @ gmail.com today|write to [email address] today",
                "jane.doe[at]gmail.com or jane (at) videotron (dot) ca|[email address] or [email address]",
                "reach me: jdoe at sympatico.ca|reach me: [email address]",
                "My name is Maria Lopez and the bin is broken|My name is [name] and the bin is broken",
                "hi my name is Maria, the light is out|hi my name is [name], the light is out",
                "call me at 555-0199 after six|call me at [phone number] after six",
                "Email jane at gmail.com please|Email [email address] please",
                "Bonjour, je m'appelle Luc Tremblay.|Bonjour, je m'appelle [name].",
                "Hola, me llamo Ana|Hola, me llamo [name]"
            })
    void detailsWrittenTheWayResidentsWriteThemAreReplacedToo(String text, String masked) {
        assertThat(PersonalDetails.masked(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "between 200-1000 people were at the park at 555-0199 Queen? no",
                "meet @ 5.30pm by the kids at school. Then the bus left",
                "my name is on the lease; the street name is Queen; my name is spelled wrong",
                "Permit number 345-2024, and call between 930-1130 if you can",
                "Garbage left out at noon.On Tuesday again",
                "a polka dot bin at Queen St. It is blue",
                "Pothole outside 1234 Queen St W since 2026-11-20, about 30 cm deep",
                "Tracking number 101004115, and the older 1010041159",
                "Between 10:30 and 11:45, postal code M5V 2T6, ward 10",
                "The fine was $1,250.00 and the meter is 4012",
                "About +1000 people, +2024 over last year, at +43.6532 and +12.345, +20 cm of water",
            })
    void placesDatesAmountsAndTrackingNumbersAreLeftAlone(String text) {
        assertThat(PersonalDetails.masked(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "No heat at 123 Lisgar St, unit 1204|123 Lisgar St|No heat at [address], [unit]",
                "cold in 123 lisgar street apt. 3B since Monday|123 Lisgar St|cold in [address] [unit] since Monday",
                "Mould in #12 at 41B Elm Avenue West|41B Elm Ave|Mould in [unit] at [address]",
                "Landlord at 40 Bay St won't fix it, call 416-555-0199|123 Lisgar St|"
                        + "Landlord at [address] won't fix it, call [phone number]",
                "Pas de chauffage au 12 rue Sainte-Catherine, appartement 5|12 rue Sainte-Catherine|"
                        + "Pas de chauffage au [address], [unit]",
                "No heat at 123 5th Avenue, apt 4|123 5th Ave|No heat at [address], [unit]",
                "Landlord's office at 55 W 42nd St|123 Lisgar St|Landlord's office at [address]",
                "cold at 10234 104 St NW since Friday|10234 104 St NW|cold at [address] since Friday",
                "No heat for 3 days, 15 degrees inside|123 Lisgar St|No heat for 3 days, 15 degrees inside"
            })
    void aReportAboutAHomeNeverSaysAtWhichDoor(String text, String home, String published) {
        assertThat(PersonalDetails.withoutHome(text, home)).isEqualTo(published);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Marie-Ève Tremblay|This is marie-ève TREMBLAY from the corner|This is [name] from the corner",
                "Marie-Ève Tremblay|Ask for Tremblay, or Marie-Ève|Ask for [name], or [name]",
                // Erasure errs towards masking: a word that is also a name goes too.
                "Al Stone|Stone wall fell; Stoneybrook path; al fresco; Al will call|[name] wall fell; Stoneybrook path; [name] fresco; [name] will call",
                "O'Brien|Mr. O'Brien (O’Brien) rang|Mr. [name] ([name]) rang",
                "J|J reported it|J reported it"
            })
    void theNamesOfAnErasedResidentAreReplacedAsWholeWordsInAnyCase(String name, String text, String erased) {
        assertThat(PersonalDetails.withoutNames(text, java.util.Arrays.asList(name, null)))
                .isEqualTo(erased);
    }

    @Test
    void aReportersOwnNameIsTakenOutWholeInAnyCaseAndWordByWordWhereCapitalised() {
        assertThat(PersonalDetails.withoutOwnName(
                        "zebulon quartermaine here. Thanks, Zebulon", "Zebulon", "Quartermaine"))
                .isEqualTo("[name] here. Thanks, [name]");
        assertThat(PersonalDetails.withoutOwnName("Branch down in the park by the curb lane. Jin Park", "Jin", "Park"))
                .as("a name that is also a word is taken out only where written as a name")
                .isEqualTo("Branch down in the park by the curb lane. [name]");
        assertThat(PersonalDetails.withoutOwnName("Regards, O’Brien", "Siobhan", "O'Brien"))
                .isEqualTo("Regards, [name]");
        assertThat(PersonalDetails.withoutOwnName("Pothole on Elm", null, null)).isEqualTo("Pothole on Elm");
        assertThat(PersonalDetails.withoutOwnName("A at the corner", "A", null))
                .as("a single letter names no one")
                .isEqualTo("A at the corner");
    }

    @Test
    void contactDetailsAreFoundAsWrittenAndComparedByWhatTheyReach() {
        assertThat(PersonalDetails.contactDetailsIn("Call +1 (416) 555-0199 or Bins@Toronto.ca, lot 12, 2026-11-20"))
                .containsExactly("Bins@Toronto.ca", "+1 (416) 555-0199");
        assertThat(PersonalDetails.normalised("+1 (416) 555-0199"))
                .isEqualTo(PersonalDetails.normalised("416.555.0199"));
        assertThat(PersonalDetails.normalised("Bins@Toronto.ca")).isEqualTo("bins@toronto.ca");
        assertThat(PersonalDetails.normalised("416-392-2489 ext. 5"))
                .as("the desk, not the line: a city number with its extension covers the main line")
                .isEqualTo(PersonalDetails.normalised("416-392-2489"));
        assertThat(PersonalDetails.withoutHomesDoor(
                        "Crew at 41 Elm Ave, unit 3 Tuesday; work order #12345; 311 at 416-392-2489", "41 Elm Ave"))
                .isEqualTo("Crew at [address], [unit] Tuesday; work order #12345; 311 at 416-392-2489");
    }

    @Test
    void staffNameTheReporterByTheirWholeNameOrATitledFamilyNameNotByAPlaceThatSharesIt() {
        assertThat(PersonalDetails.namesReporter("Thanks Mrs Haddad, the crew came by", "Leila", "Haddad"))
                .isTrue();
        assertThat(PersonalDetails.namesReporter("Called leila haddad back", "Leila", "Haddad"))
                .isTrue();
        assertThat(PersonalDetails.namesReporter("Merci M. Tremblay", null, "Tremblay"))
                .isTrue();
        assertThat(PersonalDetails.namesReporter("The crew cleared Riverside Park", "Ana", "Park"))
                .isFalse();
        assertThat(PersonalDetails.namesReporter("Fixed at King St and Bay", "Tom", "King"))
                .isFalse();
        assertThat(PersonalDetails.namesReporter("Thanks Ana", "Ana", null)).isFalse();
    }
}
