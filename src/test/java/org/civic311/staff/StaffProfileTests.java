package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaffProfileTests {

    StaffProfile profile(String publicName, StaffProfile.Signature signature) {
        return new StaffProfile("agent", "Sam Rivera", "311 Agent", null, publicName, null, signature);
    }

    @Test
    void repliesAreSignedWithThePublicNameOrItsInitials() {
        assertThat(profile("Sam R.", StaffProfile.Signature.NAME).signOff()).isEqualTo("^Sam R.");
        assertThat(profile("Sam R.", StaffProfile.Signature.INITIALS).signOff()).isEqualTo("^SR");
        assertThat(profile("marie-ève  tremblay", StaffProfile.Signature.INITIALS)
                        .signOff())
                .isEqualTo("^MÈT");
    }

    @Test
    void untilTheyChooseAPublicNameStaffSignWithTheirFirstNameAndLastInitialNeverTheirFullName() {
        assertThat(StaffProfile.shortName("Jordan Alexander Doe")).isEqualTo("Jordan D.");
        assertThat(StaffProfile.shortName("  Marie-Ève   Ébert ")).isEqualTo("Marie-Ève É.");
        assertThat(StaffProfile.shortName("Prince")).isEqualTo("Prince");
    }
}
