package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Images;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Anyone sees the photos that were made public; a photo staff hide stays with staff. */
@Civic311Test
class PhotoVisibilityTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Test
    void aPhotoStaffHideLeavesTheApiAndTheRequestsPageButNotTheStaffRecord() {
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "CSROWR-12",
                        new Location(43.6534, -79.3841, "100 Queen St W", null, null),
                        "Deep pothole; my neighbour's car and plate are in the picture",
                        Map.of("POTHOLE_SIZE", List.of("LARGE"), "LOCATION_ON_ROAD", List.of("CURB_LANE")),
                        null,
                        List.of(new Upload("media", Images.jpegWithExif())),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
        Http roads = new Http(port).as("roads", "civic311-demo");
        Http anyone = new Http(port);
        String photo = requests.find("toronto.ca", id).orElseThrow().mediaUrls().getFirst();
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).contains(photo);

        Http.Response hidden =
                roads.postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + photo + "\",\"hidden\":true}");
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        // The published address is gone; the photo stays with staff under a new one, never published.
        assertThat(anyone.get(photo).status()).isEqualTo(404);
        ServiceRequest kept = requests.find("toronto.ca", id).orElseThrow();
        String keptAt = kept.mediaUrls().getFirst();
        assertThat(kept.hiddenMediaUrls()).containsExactly(keptAt);
        assertThat(keptAt).isNotEqualTo(photo);
        for (String publicSurface : List.of(
                "/open311/v2/requests/" + id + ".json",
                "/open311/v2/requests/" + id + ".xml",
                "/open311/v2/requests.json?service_request_id=" + id,
                "/requests/" + id)) {
            assertThat(anyone.get(publicSurface).body()).as(publicSurface).doesNotContain(keptAt);
        }
        assertThat(roads.get("/api/v1/requests/" + id).body()).contains(keptAt);
        // Hiding it again changes nothing: no new copy, no second move.
        roads.postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + keptAt + "\",\"hidden\":true}");
        assertThat(requests.find("toronto.ca", id).orElseThrow().mediaUrls()).containsExactly(keptAt);

        Http.Response notItsPhoto = roads.postJson(
                "/api/v1/requests/" + id + "/photos", "{\"url\":\"/media/someone-else.jpg\",\"hidden\":true}");
        assertThat(notItsPhoto.status()).isEqualTo(400);
        assertThat(notItsPhoto.body()).contains("url");

        roads.postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + keptAt + "\",\"hidden\":false}");
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).contains(keptAt);
    }
}
