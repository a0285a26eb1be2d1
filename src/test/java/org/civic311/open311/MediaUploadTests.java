package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Images;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Photos sent as multipart (Open311 v2.1 draft), checked by content and size, stored without their metadata. */
@Civic311Test
class MediaUploadTests {

    static final List<Map.Entry<String, String>> REALTIME_REPORT = Open311Fixture.pairs(
            "api_key", "demo-key",
            "service_code", "TSRO-ROAD-DEBRIS",
            "lat", Open311Fixture.CITY_HALL_LAT,
            "long", Open311Fixture.CITY_HALL_LONG,
            "attribute[DEBRIS_TYPE]", "LARGE_OBJECT",
            "attribute[BLOCKING_LANE]", "YES",
            "media_url", "https://example.org/ignored-when-files-are-sent.jpg");

    @LocalServerPort
    int port;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void uploadedPhotosAreServedWithoutTheirExifMetadata() {
        byte[] photo = Images.jpegWithExif();
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains(Images.EXIF_MARKER);
        Http.Response response = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json",
                        REALTIME_REPORT,
                        List.of(Map.entry("media[]", photo), Map.entry("media[]", Images.png(40, 30))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id =
                Open311Fixture.json(response).get(0).get("service_request_id").asString();

        JsonNode request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0);
        String mediaUrl = request.get("media_url").asString();
        assertThat(mediaUrl).startsWith(open311.http().base() + "/media/").endsWith(".jpg");
        assertThat(request.get("extended_attributes").get("media_urls").values())
                .extracting(JsonNode::asString)
                .hasSize(2)
                .first()
                .isEqualTo(mediaUrl);

        Http.Response served =
                open311.http().get(mediaUrl.substring(open311.http().base().length()));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("image/jpeg");
        assertThat(served.bytes()[0]).isEqualTo((byte) 0xFF);
        assertThat(new String(served.bytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain(Images.EXIF_MARKER)
                .doesNotContain("Exif");
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWhateverItsName() {
        Http.Response response = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json",
                        REALTIME_REPORT,
                        List.of(Map.entry("media", "<?php echo 'hi'; ?>".getBytes(StandardCharsets.UTF_8))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("media must be a JPEG or PNG image");
    }

    @Test
    void aTruncatedImageIsRefused() {
        byte[] photo = Images.png(200, 200);
        byte[] truncated = java.util.Arrays.copyOf(photo, 40);
        Http.Response response = open311.http()
                .postMultipart("/open311/v2/requests.json", REALTIME_REPORT, List.of(Map.entry("media", truncated)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("not a readable image");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWith400() {
        byte[] large = new byte[1_200_000];
        System.arraycopy(Images.png(10, 10), 0, large, 0, 8);
        Http.Response response = open311.http()
                .postMultipart("/open311/v2/requests.json", REALTIME_REPORT, List.of(Map.entry("media", large)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(Open311Fixture.json(response).get(0).get("description").asString())
                .contains("media");
    }

    @Test
    void withoutFilesTheMediaUrlIsKept() {
        String id = open311.createRealtime("media_url", "https://example.org/photo.jpg");
        JsonNode request =
                Open311Fixture.json(open311.get("/v2/requests/" + id + ".json")).get(0);
        assertThat(request.get("media_url").asString()).isEqualTo("https://example.org/photo.jpg");
    }

    @Test
    void mediaNamesOutsideTheStoreAreNotFound() {
        assertThat(open311.http().get("/media/..%2F..%2Fpom.xml").status()).isIn(400, 404);
        assertThat(open311.http()
                        .get("/media/0123456789abcdef0123456789abcdef.jpg")
                        .status())
                .isEqualTo(404);
    }
}
