package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFinderTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the crew left my bins blocking the sidewalk at 41 Elm Ave. Why?|41 Elm Ave",
                "there's a pothole outside 100 Queen St W near the square|100 Queen St W",
                "streetlight out at the corner of Queen and Spadina|Queen / Spadina",
                "broken signal at Quilter Rd / Burnett Ave this morning|Quilter Rd / Burnett Ave",
                "graffiti at Dundas St W and Bathurst St|Dundas St W / Bathurst St",
            })
    void findsAddressesAndIntersections(String text, String address) {
        assertThat(AddressFinder.find(text)).contains(address);
    }

    @org.junit.jupiter.api.Test
    void aTextWithoutAnAddressHasNone() {
        assertThat(AddressFinder.find("the park washroom is locked again")).isEmpty();
    }
}
