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

/** Anyone sees the photos that were made public; a photo staff hide is served to signed-in staff alone. */
@Civic311Test
class PhotoVisibilityTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    /** A pothole reported on the web with a photo, at the address given; its tracking number. */
    String potholeWithPhoto(String address, String description) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "CSROWR-12",
                        new Location(43.6534, -79.3841, address, null, null),
                        description,
                        Map.of("POTHOLE_SIZE", List.of("LARGE"), "LOCATION_ON_ROAD", List.of("CURB_LANE")),
                        java.util.List.of(),
                        List.of(new Upload("media", Images.jpegWithExif())),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }

    @Test
    void photosOfAHomeStartWithStaffAloneUntilStaffShowThem() {
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "MLS-PROPERTY-STANDARDS",
                        new Location(43.6534, -79.3841, "12 Private Lane", null, null),
                        "Broken windows at the back of the house",
                        Map.of("ISSUES", List.of("BROKEN_WINDOWS"), "DETAILS", List.of("Two windows at the back")),
                        java.util.List.of(),
                        List.of(new Upload("media", Images.jpegWithExif())),
                        Reporter.named("Kim Tenant", "kim@example.org", null, null),
                        Channel.WEB,
                        null))
                .publicId();
        ServiceRequest filed = requests.find("toronto.ca", id).orElseThrow();
        String photo = filed.mediaUrls().getFirst();
        assertThat(filed.hiddenMediaUrls()).containsExactly(photo);
        assertThat(photo).startsWith("/staff/media/");
        Http anyone = new Http(port);
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).doesNotContain(photo);
        assertThat(anyone.get(photo).status()).isNotEqualTo(200);
        assertThat(anyone.get("/requests/" + id).body())
                .as("a home is shown as its area, not a pin that would point at a neighbour's door")
                .contains("data-area=\"true\"", "Map of the area of the problem, not its exact place");
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json?extensions=true")
                        .body())
                .as("so that any client draws an area too")
                .contains("\"location_approximate\":true");

        Http.Response shown = new Http(port)
                .as("admin", "civic311-demo")
                .postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + photo + "\",\"hidden\":false}");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        String published =
                requests.find("toronto.ca", id).orElseThrow().mediaUrls().getFirst();
        assertThat(published).startsWith("/media/");
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).contains(published);
    }

    @Autowired
    RequestWork work;

    @Test
    void staffAddTheCrewsPhotosForThemselvesOrForThePublicAsTheyChoose() {
        String id = potholeWithPhoto("102 Queen St W", "Pothole in the curb lane");
        Http roads = Http.browser(port);
        assertThat(roads.signIn("roads", "civic311-demo", null).status()).isEqualTo(302);
        String csrf = roads.csrf("/staff/profile");

        roads.postMultipart(
                "/staff/requests/" + id + "/photos",
                List.of(Map.entry("_csrf", csrf)),
                List.of(Map.entry("photo", Images.png(32, 24))));
        assertThat(roads.get("/staff/requests/" + id).body()).contains("The photo is added, for staff.");
        roads.postMultipart(
                "/staff/requests/" + id + "/photos",
                List.of(Map.entry("_csrf", csrf), Map.entry("shown", "on")),
                List.of(Map.entry("photo", Images.png(48, 24))));
        assertThat(roads.get("/staff/requests/" + id).body()).contains("The photo is added and shown to the public.");
        assertThat(roads.postMultipart(
                                "/staff/requests/" + id + "/photos",
                                List.of(Map.entry("_csrf", csrf)),
                                List.of(Map.entry(
                                        "photo", "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                        .status())
                .isEqualTo(302);
        assertThat(roads.get("/staff/requests/" + id).body()).contains("The photo must be a JPEG or PNG image");

        ServiceRequest request = requests.find("toronto.ca", id).orElseThrow();
        assertThat(request.mediaUrls())
                .as("the resident's, then the crew's two")
                .hasSize(3);
        String forStaff = request.mediaUrls().get(1);
        String shown = request.mediaUrls().get(2);
        assertThat(forStaff).startsWith("/staff/media/");
        assertThat(request.hiddenMediaUrls()).containsExactly(forStaff);
        assertThat(shown).startsWith("/media/");
        assertThat(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json?extensions=true")
                        .body())
                .as("every public photo is in media_urls")
                .contains(shown)
                .doesNotContain(forStaff);

        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);
        assertThat(swm.postMultipart(
                                "/staff/requests/" + id + "/photos",
                                List.of(Map.entry("_csrf", swm.csrf("/staff/profile"))),
                                List.of(Map.entry("photo", Images.png(16, 16))))
                        .status())
                .as("another department's request")
                .isEqualTo(403);
        assertThat(requests.find("toronto.ca", id).orElseThrow().mediaUrls()).hasSize(3);
    }

    @Test
    void aPlaceMadePrivateLaterTakesItsPhotosOutOfPublicViewToo() {
        String id = potholeWithPhoto("14 Private Way", "Pothole by my front door");
        String photo = requests.find("toronto.ca", id).orElseThrow().mediaUrls().getFirst();
        assertThat(new Http(port).get(photo).status()).isEqualTo(200);

        work.markPlacePrivate("toronto.ca", id, true, new Actor("roads", "console"));

        ServiceRequest kept = requests.find("toronto.ca", id).orElseThrow();
        assertThat(kept.hiddenMediaUrls()).containsExactlyElementsOf(kept.mediaUrls());
        assertThat(kept.mediaUrls().getFirst()).startsWith("/staff/media/");
        assertThat(new Http(port).get(photo).status()).isEqualTo(404);
        assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").body())
                .doesNotContain("/media/");
    }

    @Test
    void aPhotoStaffHideLeavesTheApiAndTheRequestsPageButNotTheStaffRecord() {
        String id = potholeWithPhoto("100 Queen St W", "Deep pothole; my neighbour's car and plate are in the picture");
        Http roads = new Http(port).as("roads", "civic311-demo");
        Http anyone = new Http(port);
        String photo = requests.find("toronto.ca", id).orElseThrow().mediaUrls().getFirst();
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).contains(photo);
        // A cache may keep a published photo an hour, not for ever: one staff hide is gone from caches soon after.
        assertThat(anyone.get(photo).headers().firstValue("Cache-Control").orElseThrow())
                .isEqualTo("max-age=3600, must-revalidate, public");

        Http.Response hidden =
                roads.postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + photo + "\",\"hidden\":true}");
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        // The published address is gone; the photo stays with staff under a new one, never published.
        assertThat(anyone.get(photo).status()).isEqualTo(404);
        ServiceRequest kept = requests.find("toronto.ca", id).orElseThrow();
        String keptAt = kept.mediaUrls().getFirst();
        assertThat(kept.hiddenMediaUrls()).containsExactly(keptAt);
        assertThat(keptAt).isNotEqualTo(photo).startsWith("/staff/media/");
        // Served to signed-in staff alone, and never kept in a shared cache.
        Http.Response toAnyone = anyone.get(keptAt);
        assertThat(toAnyone.status()).isNotEqualTo(200);
        assertThat(toAnyone.contentType()).doesNotStartWith("image/");
        assertThat(anyone.get(keptAt.replace("/staff/media/", "/media/")).status())
                .isEqualTo(404);
        Http desk = Http.browser(port);
        desk.signIn("roads", "civic311-demo", null);
        Http.Response toStaff = desk.get(keptAt);
        assertThat(toStaff.status()).isEqualTo(200);
        assertThat(toStaff.contentType()).isEqualTo("image/jpeg");
        assertThat(toStaff.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(desk.get(org.civic311.media.MediaStore.thumbnailUrl(keptAt)).status())
                .isEqualTo(200);
        // Integrations on the staff API fetch it with their HTTP Basic sign-in.
        assertThat(roads.get(keptAt.replace("/staff/media/", "/api/v1/media/")).status())
                .isEqualTo(200);
        assertThat(anyone.get(keptAt.replace("/staff/media/", "/api/v1/media/")).status())
                .isEqualTo(401);
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

        // Shown again, it moves back to an address the public can reach.
        roads.postJson("/api/v1/requests/" + id + "/photos", "{\"url\":\"" + keptAt + "\",\"hidden\":false}");
        String shownAt =
                requests.find("toronto.ca", id).orElseThrow().mediaUrls().getFirst();
        assertThat(shownAt).startsWith("/media/");
        assertThat(anyone.get("/open311/v2/requests/" + id + ".json").body()).contains(shownAt);
        assertThat(anyone.get(shownAt).status()).isEqualTo(200);
        assertThat(desk.get(keptAt).status()).isEqualTo(404);
    }
}
