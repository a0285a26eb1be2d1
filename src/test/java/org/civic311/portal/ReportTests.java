package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Images;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report form over plain HTTP: a photo's location, thumbnails, and the types a city will not take anonymously. */
@Civic311Test
class ReportTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    static Map.Entry<String, String> field(String name, String value) {
        return Map.entry(name, value);
    }

    @Test
    void aPhotoTakenOnTheSpotSaysWhereAndWhichWardWithoutKeepingItsLocation() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");

        Http.Response located = resident.postMultipart(
                "/report/photo-location",
                List.of(field("_csrf", csrf)),
                List.of(Map.entry("photo", Images.jpegTakenAt(43.6437614, -79.4194418))));
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.body())
                .contains("\"latitude\":43.643")
                .contains("\"longitude\":-79.419")
                .contains("\"ward\":\"Spadina-Fort York\"");

        Http.Response without = resident.postMultipart(
                "/report/photo-location", List.of(field("_csrf", csrf)), List.of(Map.entry("photo", Images.png(8, 8))));
        assertThat(without.status()).isEqualTo(204);
    }

    @Test
    void aPhotoTooLargeIsAClearPageThatSendsTheResidentBackToTheirForm() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        assertThat(resident.get("/report/SWLMALB-02").body())
                .as("the size allowed, as configured")
                .contains("1 MB each");
        Http.Response tooLarge = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(field("_csrf", csrf), field("description", "Tags all over the bin")),
                List.of(Map.entry("photo", new byte[11 * 1024 * 1024])));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.body())
                .contains("a file is larger than 1 MB, the most a photo may be. Your form is still filled in")
                .as("sized for the phone it was sent from")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .doesNotContain("/staff");
        assertThat(tooLarge.body().substring(tooLarge.body().indexOf("<section lang=\"fr\">")))
                .as("the French said as French, the English outside it")
                .contains("un fichier dépasse 1 Mo")
                .doesNotContain("larger than");
    }

    @Test
    void theResidentsWordsAndPlaceArePostedAndNeverPutInAnAddress() {
        Http resident = Http.browser(port);
        String words = "Graffiti sprayed on the litter bin at 100 Queen St W, all over the lid";
        String csrf = resident.csrf("/report");
        String suggested = resident.postForm("/report", List.of(field("_csrf", csrf), field("text", words)))
                .body();
        assertThat(suggested)
                .as("each type is a button posting the words, and no link carries them")
                .contains("<form method=\"post\" action=\"/report/chosen\" id=\"chosen\">")
                .as("the page says it now holds suggestions, in its title and by the heading that takes the keyboard")
                .contains("<title>Is it one of these? · Report a problem", "<h2 id=\"suggested\" tabindex=\"-1\">")
                .containsPattern(
                        "<button type=\"submit\" form=\"chosen\" name=\"code\" class=\"link\"\\s+value=\"SWLMALB-02\"")
                .contains("href=\"/report?lang=fr\"")
                .doesNotContain("Queen+St", "Queen%20St", "text=");

        Http.Response chosen = resident.postForm(
                "/report/chosen", List.of(field("_csrf", csrf), field("code", "SWLMALB-02"), field("text", words)));
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(chosen.body())
                .as("the type's form, with the words and the place found in them")
                .contains(">" + words + "</textarea>", "value=\"100 Queen St W\"")
                .contains("href=\"/report/SWLMALB-02?lang=fr\"")
                .as("the place is asked as one group, said to be required before a refusal says so")
                .contains("<legend>Where is the problem? (required: an address, or a pin on the map)</legend>");

        Http.Response nearby = resident.postForm(
                "/report/SWLMALB-02/nearby", List.of(field("_csrf", csrf), field("address", "100 Queen St W")));
        assertThat(nearby.status()).isEqualTo(200);
        assertThat(nearby.body()).contains("id=\"nearby\"", "data-lat=\"43.649");
        Http.Response addresses =
                resident.postForm("/report/addresses", List.of(field("_csrf", csrf), field("address", "1033 Quee")));
        assertThat(addresses.body()).contains("<option value=\"1033 Queen St W\">");

        assertThat(resident.postForm(
                                "/report/chosen",
                                List.of(field("_csrf", csrf), field("code", "SWLMALB-02"), field("text", " ")))
                        .headers()
                        .firstValue("Location"))
                .as("nothing typed: the type's own page")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/report/SWLMALB-02"));
        assertThat(resident.postForm(
                                "/report/chosen",
                                List.of(field("_csrf", csrf), field("code", "NO-SUCH-TYPE"), field("text", words)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aReportSentTwiceFromOneFormIsFiledOnce() {
        Http resident = Http.browser(port);
        String form = resident.get("/report/SWLMALB-02").body();
        String submission = form.replaceAll("(?s).*name=\"submission\" value=\"([0-9a-f-]{36})\".*", "$1");
        String csrf = resident.csrf("/report/SWLMALB-02");
        List<Map.Entry<String, String>> fields = List.of(
                field("_csrf", csrf),
                field("submission", submission),
                field("description", "Tags all over the bin, sent with a double click"),
                field("email", "double.click@example.org"),
                field("lat", "43.7151"),
                field("long", "-79.4021"));

        Http.Response first = resident.postMultipart("/report/SWLMALB-02", fields, List.of());
        java.net.URI sentTo =
                java.net.URI.create(first.headers().firstValue("Location").orElseThrow());
        assertThat(resident.get(sentTo.getRawPath() + "?" + sentTo.getRawQuery())
                        .body())
                .as("a typed address is confirmed before it hears more")
                .contains("open the link in it to confirm your address")
                .as("what happens next: the kind of problem, who handles it and by when")
                .contains("Graffiti on a City litter bin", "Handled by", "Expected by");
        Http.Response second = resident.postMultipart("/report/SWLMALB-02", fields, List.of());

        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location"))
                .as("the second click is told of the report the first filed")
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(jdbc.sql("select count(*) from service_request where description = :d")
                        .param("d", "Tags all over the bin, sent with a double click")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFormGivenBackByTheBrowserAndSentWithAnotherProblemFilesThatProblemToo() {
        Http resident = Http.browser(port);
        String form = resident.get("/report/SWLMALB-02").body();
        String submission = form.replaceAll("(?s).*name=\"submission\" value=\"([0-9a-f-]{36})\".*", "$1");
        String csrf = resident.csrf("/report/SWLMALB-02");
        java.util.function.Function<String, Http.Response> send = words -> resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        field("_csrf", csrf),
                        field("submission", submission),
                        field("description", words),
                        field("address", "1033 Queen St W")),
                List.of());

        String first = send.apply("Tags on the bin by the library, reported first")
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String other = send.apply("Tags on the bin by the bus stop, typed over the first after Back")
                .headers()
                .firstValue("Location")
                .orElseThrow();
        assertThat(other).as("another report").isNotEqualTo(first);
        assertThat(filedWith("Tags on the bin by the bus stop, typed over the first after Back"))
                .isEqualTo(1);
        assertThat(send.apply("Tags on the bin by the bus stop, typed over the first after Back")
                        .headers()
                        .firstValue("Location"))
                .as("and that one, sent twice, is filed once")
                .hasValue(other);
    }

    @Test
    void aReportTakenForAnEmergencyIsSentAgainOnTheResidentsWordThatItIsNotOne() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        String words = "There is smoke coming from the litter bin by the library, just the ash someone emptied";
        List<Map.Entry<String, String>> fields =
                List.of(field("_csrf", csrf), field("description", words), field("address", "1033 Queen St W"));

        Http.Response stopped = resident.postMultipart("/report/SWLMALB-02", fields, List.of());
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body())
                .contains("This sounds like an emergency. Call 911 now.", "href=\"tel:911\"")
                .contains("Nothing was sent to the city")
                .as("the report as typed, to send again on the resident's word")
                .contains(words, "name=\"notAnEmergency\"", "This is not an emergency: send my report to the city");
        assertThat(filedWith(words)).isZero();

        List<Map.Entry<String, String>> again = new java.util.ArrayList<>(fields);
        again.add(field("notAnEmergency", "on"));
        Http.Response sent = resident.postMultipart("/report/SWLMALB-02", again, List.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(filedWith(words)).isEqualTo(1);
        assertThat(jdbc.sql(
                                """
                                select a.actor || ': ' || a.detail from request_audit a
                                join service_request r on r.id = a.request_id
                                where r.description = :d and a.action = 'not an emergency'""")
                        .param("d", words)
                        .query(String.class)
                        .single())
                .as("staff read what triage took it for, and on whose word it was filed")
                .startsWith("resident: triage took it for ")
                .endsWith("; the resident, told to call 911, said it is not one");
    }

    @Test
    void aPhoneNumberTypedWithTheAddressIsRefusedSayingWhereItGoes() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        Http.Response refused = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        field("_csrf", csrf),
                        field("description", "Tags on the bin by the door"),
                        field("address", "12 Elm St, call 416-555-0199")),
                List.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Put only the place in the address: the address is published");
    }

    @Test
    void aResidentWritingInSpanishIsToldToCall911InSpanishAsWellAsInThePagesLanguage() {
        Http resident = Http.browser(port);
        String words = "Hay humo saliendo de la casa de mi vecino y huele a quemado";
        String asked = resident.get("/report?text=" + Http.encode(words)).body();
        assertThat(asked)
                .contains("This sounds like an emergency. Call 911 now.")
                .contains("lang=\"es\">Esto parece una emergencia. Llame al 911 ahora.</p>");

        String csrf = resident.csrf("/report/SWLMALB-02");
        Http.Response stopped = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(field("_csrf", csrf), field("description", words), field("address", "1033 Queen St W")),
                List.of());
        assertThat(stopped.body()).contains("lang=\"es\">Esto parece una emergencia. Llame al 911 ahora.</p>");
        assertThat(filedWith(words)).isZero();
    }

    @Test
    void theResidentsWordThatItIsNoEmergencyStaysTickedWhenTheReportIsRefusedForSomethingElse() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        String words = "Smoke-coloured paint sprayed all over the litter bin, not a fire, just tags";
        Http.Response refused = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        field("_csrf", csrf),
                        field("description", words),
                        field("address", "1033 Queen St W"),
                        field("email", "not an address"),
                        field("notAnEmergency", "on")),
                List.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .containsPattern("id=\"not-an-emergency\" name=\"notAnEmergency\" value=\"on\" required[^>]*checked");
        assertThat(filedWith(words)).isZero();
    }

    private int filedWith(String description) {
        return jdbc.sql("select count(*) from service_request where description = :d")
                .param("d", description)
                .query(Integer.class)
                .single();
    }

    @Test
    void aRefusedReportKeepsEveryChoiceOfAQuestionThatTakesSeveral() {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWM-BIN-DAMAGED");
        Http.Response refused = resident.postMultipart(
                "/report/SWM-BIN-DAMAGED",
                List.of(
                        field("_csrf", csrf),
                        field("description", "The lid and a wheel broke"),
                        field("answers.DAMAGE", "LID"),
                        field("answers.DAMAGE", "WHEEL"),
                        field("answers.SERIAL_NUMBER", "GB-2231-X")),
                List.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .as("in the form's words, not the API's field names")
                .contains("Please check your answer to this question: Which bin is damaged?")
                .doesNotContain("answers.BIN_TYPE is required");
        assertThat(refused.body())
                .as("a question with several answers is a group of boxes, each ticked as it was")
                .containsPattern("<fieldset id=\"answers.DAMAGE\"")
                .containsPattern("type=\"checkbox\" name=\"answers.DAMAGE\" value=\"LID\"[^>]*checked")
                .containsPattern("type=\"checkbox\" name=\"answers.DAMAGE\" value=\"WHEEL\"[^>]*checked")
                .doesNotContainPattern("value=\"HANDLE\"[^>]*checked")
                .containsPattern("name=\"answers.SERIAL_NUMBER\" value=\"GB-2231-X\"");
        assertThat(refused.body())
                .as("the question refused is marked and tied to the message, for screen readers")
                .contains("id=\"form-error\"")
                .containsPattern(
                        "<select id=\"answers.BIN_TYPE\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"form-error\"")
                .doesNotContainPattern("id=\"description\"[^>]*aria-invalid");

        Http french = Http.browser(port).header("Accept-Language", "fr-CA,fr;q=0.9");
        Http.Response refusé = french.postMultipart(
                "/report/SWM-BIN-DAMAGED",
                List.of(field("_csrf", french.csrf("/report/SWM-BIN-DAMAGED")), field("description", "Le couvercle")),
                List.of());
        assertThat(refusé.body()).contains("Vérifiez votre réponse à cette question : Which bin is damaged?");
    }

    @Test
    void aNumberQuestionTakesDecimalsAndSaysItsUnitToScreenReadersToo() {
        String form = new Http(port).get("/report/CSROWC-05").body();
        assertThat(form)
                .contains("id=\"answers.SIZE_M2-hint\"")
                .contains("Number, square metres")
                .containsPattern("<input id=\"answers.SIZE_M2\"[^>]*aria-describedby=\"answers.SIZE_M2-hint\"")
                .containsPattern("<input id=\"answers.SIZE_M2\"[^>]*step=\"any\"[^>]*type=\"number\"");
    }

    @Test
    void aDescriptionRefusedForLookingLikeCodeSaysSoRatherThanTooLong() {
        Http resident = Http.browser(port);
        Http.Response refused = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        field("_csrf", resident.csrf("/report/SWLMALB-02")),
                        field("description", "Someone painted <b>tags</b> on the bin"),
                        field("address", "1033 Queen St W")),
                List.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("The description looks like code to us")
                .doesNotContain("too long")
                .doesNotContain("attach them again")
                .as("the title, read first, says it was not sent")
                .contains("<title>Not sent: Report: Graffiti on a City litter bin");
    }

    @Test
    void aPhotosLocationIsNeverUsedUnseenAndItsPublicCopiesCarryNone() throws Exception {
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        // Without a pin or an address, the photo's location is not published behind the resident's back.
        Http.Response unplaced = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(field("_csrf", csrf), field("description", "Tags all over the bin")),
                List.of(Map.entry("photo", Images.jpegTakenAt(43.6437614, -79.4194418))));
        assertThat(unplaced.status()).isEqualTo(200);
        assertThat(unplaced.body()).contains("role=\"alert\"").contains("put the pin on the map where the problem is");
        assertThat(unplaced.body())
                .as("a file input cannot be filled in again, so the resident is told")
                .contains("Your photos were not kept: please attach them again.");

        Http.Response sent = resident.postMultipart(
                "/report/SWLMALB-02",
                List.of(
                        field("_csrf", csrf),
                        field("description", "Tags all over the bin"),
                        field("address", "1033 Queen St W")),
                List.of(Map.entry("photo", Images.jpegTakenAt(43.6437614, -79.4194418))));
        assertThat(sent.status()).isEqualTo(302);
        String publicId = sent.headers().firstValue("Location").orElseThrow().replaceAll("^.*/report/sent/", "");

        // The public copy and its thumbnail carry no location; the thumbnail is small.
        String photo = jdbc.sql(
                        "select m.url from request_media m join service_request r on r.id = m.request_id where r.public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
        Http.Response full = resident.get(photo);
        Http.Response thumbnail = resident.get(photo.replace("/media/", "/media/thumbnails/"));
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(320);
        for (byte[] copy : List.of(full.bytes(), thumbnail.bytes())) {
            assertThat(new String(copy, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("Exif");
        }
        assertThat(resident.get("/requests/" + publicId).body())
                .contains("src=\"" + photo.replace("/media/", "/media/thumbnails/") + "\"")
                .contains("href=\"" + photo + "\"");
        assertThat(resident.get("/media/thumbnails/../application.properties").status())
                .isIn(400, 404);
    }

    @Test
    void aTypeTheCityWillNotTakeAnonymouslyAsksForAWayToReachTheResident() {
        Http resident = Http.browser(port);
        String form = resident.get("/report/MLS-INADEQUATE-HEAT").body();
        assertThat(form).contains("needed for this kind of problem");
        String csrf = resident.csrf("/report/MLS-INADEQUATE-HEAT");
        List<Map.Entry<String, String>> report = List.of(
                field("_csrf", csrf),
                field("description", "No heat in our apartment for three days"),
                field("answers.TEMPERATURE_C", "16"),
                field("answers.UNIT_NUMBER", "4B"),
                field("answers.LANDLORD_TOLD", "YES"),
                field("address", "1033 Queen St W"));

        Http.Response refused = resident.postMultipart("/report/MLS-INADEQUATE-HEAT", report, List.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("This kind of problem needs a way to reach you: give an email address or a phone number.")
                .contains("No heat in our apartment for three days");

        List<Map.Entry<String, String>> withPhone = new java.util.ArrayList<>(report);
        withPhone.add(field("phone", "416-555-0133"));
        assertThat(resident.postMultipart("/report/MLS-INADEQUATE-HEAT", withPhone, List.of())
                        .status())
                .isEqualTo(302);

        // Anonymous reports of the other types are still welcome.
        assertThat(resident.postMultipart(
                                "/report/SWLMALB-02",
                                List.of(
                                        field("_csrf", csrf),
                                        field("description", "Tags"),
                                        field("address", "1033 Queen St W")),
                                List.of())
                        .status())
                .isEqualTo(302);
    }
}
