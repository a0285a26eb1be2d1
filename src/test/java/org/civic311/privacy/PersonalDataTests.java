package org.civic311.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.Http;
import org.civic311.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident's data is exported or erased at their request by an administrator, and everyone's is let go of once
 * the retention period has passed; the city's records stay, without the person.
 */
@Civic311ClockTest
class PersonalDataTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    ResidentData residents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void anAdministratorExportsThenErasesEverythingThatNamesAResident() throws Exception {
        String reported = report("Lina", "lina.privacy@example.org", "+1 416 555 0142");
        String followed = report("Someone Else", "else.privacy@example.org", null);
        work.requestToFollow("toronto.ca", followed, "lina.privacy@example.org", "en");
        Http admin = new Http(port).as("admin", "civic311-demo");
        Http.Response inquiry = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        JSON.writeValueAsString(Map.of(
                                "question",
                                        "Lina Haddad asks who decides which lanes are plowed first; Haddad is on 416 555 0142",
                                "callerName", "Lina Haddad",
                                "callerPhone", "416-555-0142",
                                "consent", true,
                                "preferredChannel", "PHONE")));
        assertThat(inquiry.status()).as(inquiry.body()).isEqualTo(201);

        JsonNode export =
                JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"LINA.privacy@example.org\"}")
                        .body());
        JsonNode byPhone = JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"(416) 555-0142\"}")
                .body());

        assertThat(export.get("records").get("service requests").values())
                .extracting(r ->
                        r.get("relation").asString() + " " + r.get("public_id").asString())
                // A reporter with an email address follows their own report too.
                .containsExactlyInAnyOrder("reported " + reported, "follows " + reported, "follows " + followed);
        assertThat(byPhone.get("records").get("inquiries").values())
                .extracting(r -> r.get("caller_name").asString())
                .containsExactly("Lina Haddad");
        assertThat(byPhone.get("records").get("service requests").values())
                .extracting(r -> r.get("public_id").asString())
                .containsExactly(reported);

        assertThat(admin.postJson(
                                "/api/v1/requests/" + reported + "/notes",
                                "{\"text\":\"Called Lina back on 416 555 0142: the crew comes Friday.\",\"isPublic\":true}")
                        .status())
                .isEqualTo(200);
        Http.Response transferred = admin.postJson(
                "/api/v1/requests/" + reported + "/transfer",
                "{\"department\":\"TSRO\",\"reason\":\"Lina on 416 555 0142 says it is on the road allowance\"}");
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        Instant erasedAt = clock.instant();
        Http.Response erased = admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"lina.privacy@example.org\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"416-555-0142\"}");

        JsonNode after =
                JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"lina.privacy@example.org\"}")
                        .body());
        assertThat(after.get("records").get("service requests").values()).isEmpty();
        assertThat(JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"4165550142\"}")
                                .body())
                        .get("records")
                        .get("inquiries")
                        .values())
                .isEmpty();
        assertThat(reporterOf(reported)).containsOnlyNulls();
        assertThat(jdbc.sql("select description from service_request where public_id = :id")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .as("what they wrote stays, without their name and the number that would still reach them")
                .isEqualTo("Tags on the litter bin; [name] here, [name], call me at [phone number]");
        assertThat(jdbc.sql(
                                "select question from inquiry where question like '%plowed first%' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("[name] asks who decides which lanes are plowed first; [name] is on [phone number]");
        assertThat(jdbc.sql(
                                """
                                select n.text from request_note n join service_request s on s.id = n.request_id
                                where s.public_id = :id and n.text like 'Called%'""")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .as("staff's notes lose the resident's name and number too")
                .isEqualTo("Called [name] back on [phone number]: the crew comes Friday.");
        assertThat(jdbc.sql(
                                """
                                select s.updated_at >= :at and n.corrected_at >= :at
                                from request_note n join service_request s on s.id = n.request_id
                                where s.public_id = :id and n.text like 'Called%'""")
                        .param("id", reported)
                        .param("at", java.sql.Timestamp.from(erasedAt))
                        .query(Boolean.class)
                        .single())
                .as("changed, so that mirrors of the public record (updated_after, the updates feed) fetch it again")
                .isTrue();
        assertThat(jdbc.sql(
                                """
                                select a.detail from request_audit a join service_request s on s.id = a.request_id
                                where s.public_id = :id and a.action = 'transferred'""")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .as("and so does the audit trail, which repeats why")
                .endsWith("[name] on [phone number] says it is on the road allowance");
        Http.Response published = new Http(port).get("/open311/v2/requests/" + reported + ".json");
        assertThat(published.status()).as("the request itself stays").isEqualTo(200);
        assertThat(published.body())
                .contains("\"description\":\"Tags on the litter bin; [name] here, [name], call me at [phone number]\"");
        assertThat(reporterOf(followed)).contains("else.privacy@example.org");
        assertThat(jdbc.sql("select count(*) from privacy_request where kind = 'ERASURE' and actor = 'admin'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from privacy_request where resident_digest = :mark")
                        .param("mark", hmac("lina.privacy@example.org"))
                        .query(Integer.class)
                        .single())
                .as("the log marks the resident with a keyed digest, never the address")
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql(
                                "select count(*) from privacy_request where resident_digest = sha256(convert_to(:address, 'UTF8'))")
                        .param("address", "lina.privacy@example.org")
                        .query(Integer.class)
                        .single())
                .as("nor a plain digest, which a list of addresses or every phone number reverses")
                .isZero();
    }

    @Test
    void onlyAdministratorsAnswerResidentsDataRequestsAndABadAddressIsNamed() {
        assertThat(new Http(port)
                        .as("supervisor", "civic311-demo")
                        .postJson("/api/v1/privacy/exports", "{\"address\":\"a@example.org\"}")
                        .status())
                .isEqualTo(403);
        Http.Response refused = new Http(port)
                .as("admin", "civic311-demo")
                .postJson("/api/v1/privacy/exports", "{\"address\":\"not-an-address\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"address\"");
    }

    @Test
    void anAdministratorAnswersADataRequestOnScreenAndAnErasureAsksForTheAddressTwice() {
        String reported = report("Noor", "noor.onscreen@example.org", null);
        Http admin = Http.browser(port);
        admin.signIn("admin", "civic311-demo", null);
        assertThat(admin.get("/staff/admin/privacy").body()).contains("Residents’ data", "The same address again");

        Http.Response exported = admin.postForm(
                "/staff/admin/privacy/export",
                List.of(
                        Map.entry("address", "noor.onscreen@example.org"),
                        Map.entry("_csrf", admin.csrf("/staff/admin/privacy"))));
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"resident-data.json\"");
        assertThat(exported.body()).contains(reported, "noor.onscreen@example.org");

        Http.Response slip = admin.postForm(
                "/staff/admin/privacy/erase",
                List.of(
                        Map.entry("address", "noor.onscreen@example.org"),
                        Map.entry("again", "noor.onscren@example.org"),
                        Map.entry("_csrf", admin.csrf("/staff/admin/privacy"))));
        assertThat(slip.body()).contains("Again is not the address above");
        assertThat(emailOf(reported)).isEqualTo("noor.onscreen@example.org");

        admin.postForm(
                "/staff/admin/privacy/erase",
                List.of(
                        Map.entry("address", "noor.onscreen@example.org"),
                        Map.entry("again", "Noor.Onscreen@example.org "),
                        Map.entry("_csrf", admin.csrf("/staff/admin/privacy"))));
        assertThat(admin.get("/staff/admin/privacy").body()).contains("Erased from ", "The records stay");
        assertThat(emailOf(reported)).isNull();

        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);
        assertThat(supervisor.get("/staff/admin/privacy").status()).isEqualTo(403);
    }

    private @org.jspecify.annotations.Nullable String emailOf(String publicId) {
        return jdbc.sql("select p.email from request_reporter p join service_request r on r.id = p.request_id"
                        + " where r.public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Autowired
    org.civic311.media.MediaStore media;

    @Test
    void erasureTakesAResidentsPhotosOffTheirReportsAndTheirNamesAndNumbersOutOfTheAnswersTheyTyped() {
        String reported = requests.submit(new NewServiceRequest(
                        null,
                        "MLS-INADEQUATE-HEAT",
                        new Location(43.6611, -79.4032, "88 Harbord St", null, null),
                        "No heat since Friday",
                        Map.of(
                                "TEMPERATURE_C", List.of("15"),
                                "UNIT_NUMBER", List.of("3, ask for Yusra Benali at 416-555-0173"),
                                "LANDLORD_TOLD", List.of("YES")),
                        java.util.List.of(),
                        List.of(new org.civic311.requests.Upload("media", org.civic311.support.Images.jpegWithExif())),
                        new Reporter("Yusra", "Benali", "yusra.erased@example.org", null, null, null),
                        Channel.WEB,
                        "en"))
                .publicId();
        String photo = jdbc.sql("select m.url from request_media m join service_request s on s.id = m.request_id"
                        + " where s.public_id = :id")
                .param("id", reported)
                .query(String.class)
                .single();
        assertThat(media.find(photo)).isPresent();
        assertThat(residents
                        .export("toronto.ca", "yusra.erased@example.org", "admin")
                        .toString())
                .as("what they sent is part of what is kept of them")
                .contains(photo);

        residents.erase("toronto.ca", "yusra.erased@example.org", "admin");

        assertThat(jdbc.sql("select count(*) from request_media m join service_request s on s.id = m.request_id"
                                + " where s.public_id = :id")
                        .param("id", reported)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(media.find(photo))
                .as("the file goes too, once the erasure is committed")
                .isEmpty();
        assertThat(jdbc.sql("select attributes::text from service_request where public_id = :id")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .as("about their home, the words they typed go; the choices and numbers stay")
                .contains("\"LANDLORD_TOLD\": [\"YES\"]", "\"TEMPERATURE_C\": [\"15\"]")
                .doesNotContain("UNIT_NUMBER", "Benali", "0173");
        assertThat(jdbc.sql("select concat_ws(' | ', address, lat, lon, address_id, zipcode) from service_request"
                                + " where public_id = :id")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .as("and its place is what the public reads of it: the street and the middle of its area, not the door")
                .isEqualTo("Harbord St | 43.66125 | -79.40375");
    }

    @Autowired
    org.civic311.contacts.Contacts contacts;

    @Test
    void aCallsReasonAndWrapUpNoteLoseTheCallersNameAndNumberWithThem() {
        var call = contacts.start("toronto.ca", org.civic311.contacts.ContactKind.PHONE_CALL, "agent");
        contacts.describe(
                "toronto.ca",
                call.id(),
                "Wanda Okafor asks about her tax bill; her other number is 647-555-0148",
                "Wanda Okafor",
                "416-555-0138",
                true,
                "agent");
        contacts.wrapUp(
                "toronto.ca",
                call.id(),
                org.civic311.contacts.WrapUpCode.ANSWERED,
                "Told Wanda to call Revenue on 647-555-0148 back",
                "agent");

        residents.erase("toronto.ca", "416-555-0138", "admin");

        assertThat(jdbc.sql("select reason || ' | ' || wrap_up_note from contact where id = :id")
                        .param("id", call.id())
                        .query(String.class)
                        .single())
                .isEqualTo("[name] asks about her tax bill; her other number is [phone number] | Told [name] to call"
                        + " Revenue on [phone number] back");
    }

    @Test
    void aCallerWhoGaveTheirNumberWithAnExtensionIsExportedAndErasedByTheNumberAlone() {
        var call = contacts.start("toronto.ca", org.civic311.contacts.ContactKind.PHONE_CALL, "agent");
        contacts.describe(
                "toronto.ca",
                call.id(),
                "Asks about the bulky item pickup",
                "Lena Morrow",
                "416-555-0124 x23",
                true,
                "agent");

        assertThat(residents.export("toronto.ca", "+1 416 555 0124", "admin").toString())
                .as("the line, not the desk")
                .contains("Lena Morrow");
        assertThat(residents.erase("toronto.ca", "416-555-0124 ext. 23", "admin"))
                .as("and asked for as the caller gave it")
                .containsEntry("calls and visits", 1);
        assertThat(jdbc.sql(
                                "select count(*) from contact where id = :id and caller_phone is null and caller_name is null")
                        .param("id", call.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anExportNamesTheOtherAddressesTheResidentGaveButFollowsNoneOfThem() throws Exception {
        String reported = report("Omar", "omar.linked@example.org", "416-555-0193");
        Http.Response inquiry = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        JSON.writeValueAsString(Map.of(
                                "question", "Which days is the ravine trail closed for works?",
                                "callerName", "Omar Said",
                                "callerPhone", "416-555-0193",
                                "consent", true,
                                "preferredChannel", "PHONE")));
        assertThat(inquiry.status()).as(inquiry.body()).isEqualTo(201);
        Http admin = new Http(port).as("admin", "civic311-demo");
        JsonNode export =
                JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"omar.linked@example.org\"}")
                        .body());
        assertThat(export.get("otherAddresses").values())
                .as("to ask the resident about: a household's shared line would reach other people's records")
                .extracting(JsonNode::asString)
                .containsExactly("4165550193");
        assertThat(export.get("records").get("inquiries").values()).isEmpty();

        Http.Response erased = admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"omar.linked@example.org\"}");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(reporterOf(reported)).containsOnlyNulls();
        assertThat(JSON.readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"4165550193\"}")
                                .body())
                        .get("records")
                        .get("inquiries")
                        .values())
                .as("the call made from that number is erased only when asked for by it")
                .hasSize(1);
    }

    @Test
    void personalDataOfRequestsClosedLongerAgoThanTheRetentionPeriodIsLetGoOf() {
        Instant start = clock.instant();
        try {
            String closed = report("Old Report", "old.retention@example.org", "416-555-0199");
            String open = report("Still Open", "open.retention@example.org", null);
            String forgotten = report("Never Done", "forgotten.retention@example.org", null);
            String followedLately = report("Long Waiting", "waiting.retention@example.org", null);
            work.transition(
                    "toronto.ca",
                    closed,
                    new Transition("completed", "Painted over.", null, Resolution.FIXED),
                    new Actor("swm", "web"));
            // A photo the reporter sent in a private message, filed with staff alone.
            String privatePhoto = media.storeForStaff("photo", org.civic311.support.Images.png(8, 8))
                    .path();
            jdbc.sql(
                            """
                            insert into request_media (request_id, position, url)
                            select id, 5, :url from service_request where public_id = :id""")
                    .param("url", privatePhoto)
                    .param("id", closed)
                    .update();

            // Someone typed a neighbour's address to follow it; the neighbour never confirmed.
            work.requestToFollow("toronto.ca", open, "neighbour.retention@example.org", "en");
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql(
                                            "select count(*) from notification where recipient = 'neighbour.retention@example.org'")
                                    .query(Integer.class)
                                    .single()
                            == 1);
            clock.advance(Duration.ofDays(6));
            residents.applyRetention();
            assertThat(unconfirmedFollowers(open)).as("its link still works").isEqualTo(2);
            clock.advance(Duration.ofDays(2));
            residents.applyRetention();
            assertThat(unconfirmedFollowers(open))
                    .as("an address typed and never confirmed, perhaps a stranger's, goes once its link expired")
                    .isZero();
            assertThat(jdbc.sql("select count(*) from notification where recipient = 'neighbour.retention@example.org'")
                            .query(Integer.class)
                            .single())
                    .as("and so does the link sent to it")
                    .isZero();

            clock.advance(Duration.ofDays(721));
            residents.applyRetention();
            assertThat(reporterOf(closed)).contains("old.retention@example.org");
            work.addNote("toronto.ca", open, "Crew booked for the spring.", false, new Actor("swm", "web"));
            // A neighbour follows the old report from the portal, and confirms: the public still cares about it.
            work.requestToFollow("toronto.ca", followedLately, "late.neighbour@example.org", "en");
            work.confirmFollow(jdbc.sql(
                            """
                            select f.confirm_token::text from request_follower f join service_request r
                              on r.id = f.request_id
                            where r.public_id = :id and f.address = 'late.neighbour@example.org'""")
                    .param("id", followedLately)
                    .query(String.class)
                    .single());

            clock.advance(Duration.ofDays(2));
            residents.applyRetention();

            assertThat(reporterOf(closed)).containsOnlyNulls();
            assertThat(jdbc.sql("select description from service_request where public_id = :id")
                            .param("id", closed)
                            .query(String.class)
                            .single())
                    .as("what they wrote loses their name and number with them")
                    .isEqualTo("Tags on the litter bin; [name] here, LINA, call me at [phone number]");
            assertThat(reporterOf(open))
                    .as("open work still worked keeps its reporter")
                    .contains("open.retention@example.org");
            assertThat(reporterOf(forgotten))
                    .as("work left open and untouched for the period keeps them no longer than work done")
                    .containsOnlyNulls();
            assertThat(reporterOf(followedLately))
                    .as("work a resident began following within the period is not untouched")
                    .contains("waiting.retention@example.org");
            assertThat(media.find(privatePhoto))
                    .as("the photo staff alone saw is gone")
                    .isEmpty();
            assertThat(jdbc.sql("select count(*) from request_media where url = :url")
                            .param("url", privatePhoto)
                            .query(Integer.class)
                            .single())
                    .isZero();
        } finally {
            clock.set(start);
        }
    }

    @Test
    void aReportMadeFromAnAppAloneIsExportedAndErasedByTheIdTheAppSent() {
        String reported = requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                        "Tags on the bin, from the app",
                        Map.of(),
                        List.of(),
                        List.of(),
                        new org.civic311.requests.Reporter(null, null, null, null, "3F2504E0-4F89-11D3-privacy", null),
                        Channel.OPEN311,
                        "en"))
                .publicId();

        assertThat(residents
                        .export("toronto.ca", "device:3f2504e0-4f89-11d3-PRIVACY", "admin")
                        .toString())
                .contains(reported);
        residents.erase("toronto.ca", "device:3F2504E0-4F89-11D3-privacy", "admin");
        assertThat(jdbc.sql("select count(*) from request_reporter where device_id = '3F2504E0-4F89-11D3-privacy'")
                        .query(Integer.class)
                        .single())
                .isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> residents.export("toronto.ca", "device:not an id", "admin"))
                .hasMessageContaining("a device is named by the id its app sent");
    }

    @Autowired
    org.civic311.conversations.Inbox inbox;

    @Autowired
    org.civic311.inquiries.Inquiries inquiries;

    @Test
    void aConversationAnsweredButNeverClosedAndAnInquiryLeftOpenAreLetGoOfAfterTheRetentionPeriod() {
        Instant start = clock.instant();
        try {
            long conversation = inbox.receive(new org.civic311.conversations.IncomingMessage(
                            null,
                            org.civic311.conversations.ConversationChannel.SMS,
                            "SM-retention-" + System.nanoTime(),
                            "+14165550263",
                            null,
                            "+14165550263",
                            null,
                            null,
                            "Is the pool at Regent Park open on Family Day? Odile Brandt",
                            clock.instant(),
                            List.of(),
                            null))
                    .conversationId();
            inbox.claim("toronto.ca", conversation, "agent");
            inbox.reply("toronto.ca", conversation, "agent", "Yes, from 10 to 4.", "^Sam R.");
            String inquiry = inquiries
                    .open(
                            "toronto.ca",
                            new org.civic311.inquiries.NewInquiry(
                                    "Odile Brandt asks whether the pool is open; call her at 416-555-0263",
                                    "Odile Brandt",
                                    "416-555-0263",
                                    null,
                                    true,
                                    org.civic311.inquiries.ContactChannel.PHONE,
                                    null),
                            "agent")
                    .reference();

            clock.advance(Duration.ofDays(731));
            residents.applyRetention();

            assertThat(jdbc.sql("select resident from conversation where id = :id")
                            .param("id", conversation)
                            .query(String.class)
                            .single())
                    .as("answered, never closed, and silent for two years")
                    .startsWith("(erased)");
            assertThat(jdbc.sql(
                                    "select coalesce(caller_name, '') || coalesce(caller_phone, '') || question from inquiry"
                                            + " where reference = :r")
                            .param("r", inquiry)
                            .query(String.class)
                            .single())
                    .as("never closed, and asked two years ago")
                    .doesNotContain("Odile", "Brandt", "416-555-0263")
                    .contains("whether the pool is open");
        } finally {
            clock.set(start);
        }
    }

    private int unconfirmedFollowers(String publicId) {
        return jdbc.sql(
                        """
                        select count(*) from request_follower f join service_request r on r.id = f.request_id
                        where r.public_id = :id and f.confirm_token is not null and f.confirmed_at is null""")
                .param("id", publicId)
                .query(Integer.class)
                .single();
    }

    private String report(String name, String email, String phone) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(
                                null,
                                null,
                                "Graffiti bin by stop " + email.substring(0, email.indexOf('@')),
                                null,
                                null),
                        phone == null
                                ? "Tags on the litter bin"
                                : "Tags on the litter bin; " + name + " here, LINA, call me at " + phone,
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        new Reporter(name, null, email, phone, null, null),
                        Channel.WEB,
                        "en"))
                .publicId();
    }

    private List<String> reporterOf(String publicId) {
        return jdbc.sql(
                        """
                        select r.first_name, r.email, r.phone from request_reporter r
                        join service_request s on s.id = r.request_id where s.public_id = :id""")
                .param("id", publicId)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    /** The log's mark of an address, under the test profile's key (application-test.properties). */
    static byte[] hmac(String address) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                "test-privacy-log-key-of-at-least-32-characters".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        return mac.doFinal(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
