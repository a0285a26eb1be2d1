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

    @Autowired
    org.civic311.media.MediaStore media;

    private String agentWithPhoto(String username, String name, String publicName) {
        if (staff.find(username).isEmpty()) {
            staff.register(
                    new StaffMember(username, name, "311 Agent", Set.of(Role.AGENT), "toronto.ca", null, null),
                    "a long password for the team page");
        }
        String photo =
                media.store("photo", org.civic311.support.Images.jpegWithExif()).path();
        staff.updateProfile(username, null, publicName, StaffProfile.Signature.NAME, photo);
        return photo;
    }

    private static Http.Response post(Http desk, String path, String... fields) {
        java.util.List<java.util.Map.Entry<String, String>> form = new java.util.ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(java.util.Map.entry(fields[i], fields[i + 1]));
        }
        form.add(java.util.Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postMultipart(path, form, java.util.List.of());
    }

    @Test
    void anAdministratorTakesAHarassedColleaguesNameAndPhotoOffThePublicPage() {
        String photo = agentWithPhoto("team.page.harassed", "Casey Harlow", "Casey H.");
        assertThat(new Http(port).get("/team").body()).contains("Casey H.", photo);
        Http admin = Http.browser(port);
        admin.signIn("admin", "civic311-demo", null);

        Http.Response cleared = post(admin, "/staff/admin/accounts/team.page.harassed/public-profile/clear");

        assertThat(cleared.status()).as(cleared.body()).isEqualTo(302);
        assertThat(new Http(port).get("/team").body()).doesNotContain("Casey", photo);
        assertThat(new Http(port).get(photo).status())
                .as("the photo's public address is gone")
                .isEqualTo(404);
        assertThat(staff.profile("team.page.harassed").orElseThrow().signOff()).isEqualTo("^CH");
        assertThat(admin.get("/staff/admin/accounts").body()).contains("public name and photo removed");
    }

    @Test
    void anAgentRemovesTheirOwnPhotoAndItsFileGoesWithIt() {
        String photo = agentWithPhoto("team.page.camera.shy", "Drew Lind", "Drew L.");
        Http drew = Http.browser(port);
        drew.signIn("team.page.camera.shy", "a long password for the team page", null);

        Http.Response saved =
                post(drew, "/staff/profile", "publicName", "Drew L.", "signature", "NAME", "removePhoto", "on");

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(staff.profile("team.page.camera.shy").orElseThrow().photoPath())
                .isNull();
        assertThat(new Http(port).get(photo).status()).isEqualTo(404);
        assertThat(new Http(port).get("/team").body()).contains("Drew L.").doesNotContain(photo);
    }
}
