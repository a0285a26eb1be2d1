package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.civic311.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordRulesTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "short-one|at least 12",
                "Password1234|most common",
                "aaaaaaaaaaaaaaaa|too few",
                "abababab1212|too few",
                "my-name-is-rsmith-ok|user name"
            })
    void aWeakPasswordIsRefusedNamingTheRule(String password, String rule) {
        assertThatThrownBy(() -> PasswordRules.check("rsmith", password))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("password")
                .hasMessageContaining(rule);
    }

    @Test
    void aLongPassphraseInAnyScriptIsAccepted() {
        assertThatCode(() -> PasswordRules.check("rsmith", "correct horse battery staple"))
                .doesNotThrowAnyException();
        assertThatCode(() -> PasswordRules.check("rsmith", "сорок два слона идут"))
                .doesNotThrowAnyException();
    }

    @Test
    void aPasswordLongerThanAnyoneTypesIsRefused() {
        assertThatThrownBy(() -> PasswordRules.check("rsmith", "x1y2z3".repeat(13)))
                .hasMessageContaining("at most 72 bytes");
    }
}
