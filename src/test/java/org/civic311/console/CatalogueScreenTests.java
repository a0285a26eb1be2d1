package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * On a call, staff look up which department takes a problem, how soon it is due and whom to reach there, with the
 * business hours the targets count.
 */
@Civic311Test
class CatalogueScreenTests {

    @LocalServerPort
    int port;

    @Test
    void staffFindATypesDepartmentTargetAndManagersNumber() {
        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        String page = agent.get("/staff/catalogue").body();
        assertThat(page)
                .contains("Report minor pothole damage", "CSROWR-12", "4 business days")
                .contains("Solid Waste Management Services", "Julian Marchetti, 416-555-0118")
                .contains("08:30 to 16:30", "Christmas Day");

        String potholes = agent.get("/staff/catalogue?q=pothole").body();
        assertThat(potholes).contains("Report minor pothole damage").doesNotContain("Graffiti on a City road");

        String none = agent.get("/staff/catalogue?q=%3Cscript%3Ezebra").body();
        assertThat(none).contains("No type of problem matches").doesNotContain("<script>zebra");

        Http department = Http.browser(port);
        department.signIn("swm", "civic311-demo", null);
        assertThat(department.get("/staff/catalogue").status()).isEqualTo(200);
    }
}
