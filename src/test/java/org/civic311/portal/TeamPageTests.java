package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.civic311.staff.Role;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.civic311.staff.StaffProfile;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Residents can see who answers them: each agent's public name, title and sign-off, never their account. */
@Civic311Test
class TeamPageTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory staff;

    @Test
    void theAgentsWhoChoseAPublicNameShowTheirPublicProfileAndNothingOfTheirAccount() {
        if (staff.find("team.page.agent").isEmpty()) {
            staff.register(
                    new StaffMember(
                            "team.page.agent",
                            "Morgan Tremblay",
                            "311 Agent, social media",
                            Set.of(Role.AGENT),
                            "toronto.ca",
                            null,
                            null),
                    "a long password for the team page");
        }
        staff.updateProfile("team.page.agent", "Social media desk", "Morgan T.", StaffProfile.Signature.NAME, null);
        if (staff.find("team.page.quiet").isEmpty()) {
            // An agent who has not chosen a public name.
            staff.register(
                    new StaffMember(
                            "team.page.quiet",
                            "Robin Quietly",
                            "311 Agent",
                            Set.of(Role.AGENT),
                            "toronto.ca",
                            null,
                            null),
                    "a long password for the team page");
        }

        Http.Response page = new Http(port).get("/team");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Morgan T.", "311 Agent, social media", "Social media desk", "Signs replies ^Morgan T.")
                // Neither the account's name nor the full name the agent chose not to show.
                .doesNotContain("team.page.agent", "Tremblay")
                // The people who answer residents for 311, not every account: department staff are not listed.
                .doesNotContain("Collections Coordinator, Solid Waste")
                // Nor anyone who has not chosen a public name, or who signs with initials (the demo's supervisor).
                .doesNotContain("Robin", "Quietly", "Priya");
    }
}
