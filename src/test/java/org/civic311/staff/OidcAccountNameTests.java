package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcAccountNameTests {

    @Test
    void anEmailAddressNamesAnAccountOnlyWhenTheProviderVerifiedIt() {
        assertThat(OidcSignIn.accountName(Map.of("email", "admin@city.example"), "email"))
                .as("typed into a profile, never verified")
                .isNull();
        assertThat(OidcSignIn.accountName(Map.of("email", "admin@city.example", "email_verified", false), "email"))
                .isNull();
        assertThat(OidcSignIn.accountName(Map.of("email", "admin@city.example", "email_verified", "true"), "email"))
                .as("only a JSON true counts")
                .isNull();
        assertThat(OidcSignIn.accountName(Map.of("email", "admin@city.example", "email_verified", true), "email"))
                .isEqualTo("admin@city.example");
    }

    @Test
    void anotherClaimNamesTheAccountAsGivenAndAMissingOrBlankOneNamesNone() {
        assertThat(OidcSignIn.accountName(Map.of("preferred_username", "admin"), "preferred_username"))
                .isEqualTo("admin");
        assertThat(OidcSignIn.accountName(Map.of("preferred_username", " "), "preferred_username"))
                .isNull();
        assertThat(OidcSignIn.accountName(Map.of("email", "admin@city.example"), "preferred_username"))
                .isNull();
    }
}
