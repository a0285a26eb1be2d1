package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.support.Http;
import org.civic311.support.LimitedClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Anyone may use the portal without signing in, so each client gets so many reports, look-ups and downloads, and an
 * instance streams only a few downloads at once: each holds a database connection while it runs.
 */
@LimitedClients
class PortalLimitTests {

    @LocalServerPort
    int port;

    @Test
    void aClientSendingReportsFasterThanAPersonIsToldWhenToComeBack() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        for (int i = 0; i < 2; i++) {
            assertThat(resident.postMultipart(
                                    "/report/SWLMALB-02",
                                    List.of(
                                            Map.entry("_csrf", csrf),
                                            Map.entry("description", "Tags on the bin, " + i),
                                            Map.entry("address", "1033 Queen St W")),
                                    List.of())
                            .status())
                    .isEqualTo(302);
        }
        Http.Response limited = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        Map.entry("_csrf", csrf),
                        Map.entry("description", "Again"),
                        Map.entry("address", "1033 Queen St W")),
                List.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many at once", "Wait a minute and try again");
    }

    @Test
    void lookUpsAndDownloadsAreCountedPerClientAndEachDownloadGivesItsPlaceBack() {
        Http resident = Http.browser(port);
        for (int i = 0; i < 3; i++) {
            assertThat(resident.get("/report/addresses?address=10" + i).status())
                    .isEqualTo(200);
        }
        assertThat(resident.get("/report/addresses?address=104").status()).isEqualTo(429);
        assertThat(resident.get("/report/SWLMALB-02?text=" + Http.encode("Tags on the bin at 100 Queen St W")))
                .as("the form itself, without the address its look-up would have filled in")
                .satisfies(form -> assertThat(form.status()).isEqualTo(200))
                .satisfies(form -> assertThat(form.body()).contains("name=\"description\""));

        // One download streams at a time here: three in a row each find the place the one before gave back.
        for (int i = 0; i < 3; i++) {
            assertThat(resident.get("/open-data/requests.csv").status()).isEqualTo(200);
        }
        Http.Response limited = resident.get("/open-data/requests.geojson");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("\"status\":429");
    }
}
