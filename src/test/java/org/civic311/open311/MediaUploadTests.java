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
    void aPhotoAPhoneStoredOnItsSideIsPublishedUprightAndAnEmptyFilePartIsNoPhoto() throws Exception {
        Http.Response response = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json",
                        REALTIME_REPORT,
                        List.of(Map.entry("media", Images.jpegTurned(80, 40, 6)), Map.entry("media[]", new byte[0])));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id =
                Open311Fixture.json(response).get(0).get("service_request_id").asString();
        JsonNode request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0);
        assertThat(request.get("extended_attributes").get("media_urls").values())
                .hasSize(1);
        String mediaUrl = request.get("media_url").asString();
        byte[] served = open311.http()
                .get(mediaUrl.substring(open311.http().base().length()))
                .bytes();
        java.awt.image.BufferedImage upright = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served));
        assertThat(upright.getWidth()).isEqualTo(40);
        assertThat(upright.getHeight()).isEqualTo(80);
        // Turned a quarter clockwise, as orientation 6 asks: the red corner is now at the top right.
        java.awt.Color topRight = new java.awt.Color(upright.getRGB(36, 3));
        java.awt.Color topLeft = new java.awt.Color(upright.getRGB(3, 3));
        assertThat(topRight.getRed() - topRight.getGreen()).isGreaterThan(150);
        assertThat(topLeft.getGreen()).isGreaterThan(200);
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
    void aPhotoSentUnderAnotherNameIsRefusedRatherThanDropped() {
        Http.Response response = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json", REALTIME_REPORT, List.of(Map.entry("photo", Images.png(40, 30))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("photo is not a field for photos: send a photo as media");
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
    void anImageThatWouldDecodeToTooMuchMemoryIsRefusedBeforeItIsDecoded() throws Exception {
        // A few hundred bytes each, saying in their headers what they would decode to.
        Http.Response tooMany = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json",
                        REALTIME_REPORT,
                        List.of(Map.entry("media", pngHeader(8000, 8000, 8, 2))));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("has too many pixels (64000000)");
        Http.Response deep = open311.http()
                .postMultipart(
                        "/open311/v2/requests.json",
                        REALTIME_REPORT,
                        List.of(Map.entry("media", pngHeader(5000, 5000, 16, 6))));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.body()).contains("is too large once decoded (25000000 pixels of deep colour)");
    }

    /** A PNG's signature, header chunk and end, without image data: what a reader sees before it decodes. */
    static byte[] pngHeader(int width, int height, int bitDepth, int colourType) throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) bitDepth)
                .put((byte) colourType)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws Exception {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        png.write(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
