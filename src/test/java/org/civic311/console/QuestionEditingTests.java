package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Administrators keep a service type's questions in the console: a question added is asked of the next report, and
 * a required one refuses a report without its answer; made optional or removed, it no longer does; each change is
 * recorded; bad input is refused by name.
 */
@Civic311Test
class QuestionEditingTests {

    @LocalServerPort
    int port;

    Http admin() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        return admin;
    }

    static Http.Response post(Http desk, String path, String... fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(Map.entry(fields[i], fields[i + 1]));
        }
        form.add(Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postForm(path, form);
    }

    Http.Response report(String code, String... answers) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(
                Map.entry("api_key", "demo-key"),
                Map.entry("service_code", code),
                Map.entry("lat", "43.66112"),
                Map.entry("long", "-79.40321"),
                Map.entry("description", "Two seats of the bench are broken"),
                Map.entry("email", "resident@example.org")));
        for (int i = 0; i < answers.length; i += 2) {
            fields.add(Map.entry("attribute[" + answers[i] + "]", answers[i + 1]));
        }
        return new Http(port).postForm("/open311/v2/requests.json", fields);
    }

    String definition(String code) {
        return new Http(port).get("/open311/v2/services/" + code + ".json").body();
    }

    @Test
    void aRequiredQuestionIsAskedOfTheNextReportUntilItIsMadeOptionalOrRemoved() {
        Http admin = admin();
        assertThat(ServiceTypeEditingTests.post(
                                admin, "/staff/admin/catalogue/types", ServiceTypeEditingTests.form("PFR-BENCH-Q"))
                        .status())
                .isEqualTo(302);
        String questions = "/staff/admin/catalogue/types/PFR-BENCH-Q/questions";
        assertThat(admin.get(questions + "/new").body()).contains("New question");

        Http.Response added = post(
                admin,
                questions,
                "code",
                "SEATS",
                "question",
                "How many seats are broken?",
                "datatype",
                "NUMBER",
                "answered",
                "true",
                "required",
                "true",
                "hint",
                "a whole number",
                "choices",
                "");
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        assertThat(added.headers().firstValue("Location").orElseThrow())
                .endsWith("/staff/admin/catalogue/types/PFR-BENCH-Q");
        assertThat(post(
                                admin,
                                questions,
                                "code",
                                "WHERE",
                                "question",
                                "Where is the bench?",
                                "datatype",
                                "SINGLEVALUELIST",
                                "answered",
                                "true",
                                "choices",
                                "PARK: In a park\nStreet corner")
                        .status())
                .isEqualTo(302);
        assertThat(definition("PFR-BENCH-Q"))
                .contains("\"SEATS\"", "How many seats are broken?", "\"WHERE\"", "\"PARK\"", "\"STREET_CORNER\"");
        Http.Response unanswered = report("PFR-BENCH-Q");
        assertThat(unanswered.status()).isEqualTo(400);
        assertThat(unanswered.body()).contains("SEATS");
        assertThat(report("PFR-BENCH-Q", "SEATS", "2", "WHERE", "PARK").status())
                .isEqualTo(200);

        Http.Response optional = post(
                admin,
                questions + "/SEATS",
                "question",
                "How many seats are broken?",
                "datatype",
                "NUMBER",
                "answered",
                "true",
                "hint",
                "a whole number",
                "choices",
                "");
        assertThat(optional.status()).as(optional.body()).isEqualTo(302);
        assertThat(report("PFR-BENCH-Q").status()).isEqualTo(200);

        assertThat(post(admin, questions + "/SEATS/remove").status()).isEqualTo(302);
        assertThat(definition("PFR-BENCH-Q")).doesNotContain("\"SEATS\"").contains("\"WHERE\"");
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-BENCH-Q").body())
                .contains(
                        "question SEATS added",
                        "question WHERE added",
                        "question SEATS: optional",
                        "question SEATS retired");
        assertThat(admin.get(questions + "/NO_SUCH").status()).isEqualTo(404);
    }

    @Test
    void aRetiredQuestionIsNoLongerAskedYetItsAnswersKeepTheirWordingAndItsCodeIsNeverReused() {
        Http admin = admin();
        assertThat(ServiceTypeEditingTests.post(
                                admin, "/staff/admin/catalogue/types", ServiceTypeEditingTests.form("PFR-BENCH-S"))
                        .status())
                .isEqualTo(302);
        String questions = "/staff/admin/catalogue/types/PFR-BENCH-S/questions";
        assertThat(post(
                                admin,
                                questions,
                                "code",
                                "WHERE",
                                "question",
                                "Where is the bench?",
                                "datatype",
                                "SINGLEVALUELIST",
                                "answered",
                                "true",
                                "required",
                                "true",
                                "choices",
                                "PARK: In a park\nStreet corner")
                        .status())
                .isEqualTo(302);
        String before = report("PFR-BENCH-S", "WHERE", "PARK").body();
        Http.Response retyped = post(
                admin,
                questions + "/WHERE",
                "question",
                "How far is the bench from the corner, in metres?",
                "datatype",
                "STRING",
                "answered",
                "true");
        assertThat(retyped.status()).isEqualTo(400);
        assertThat(retyped.body())
                .contains("cannot change from singlevaluelist: requests hold answers to this question; retire it and"
                        + " add a new question instead");
        Http.Response narrowed = post(
                admin,
                questions + "/WHERE",
                "question",
                "Where is the bench?",
                "datatype",
                "SINGLEVALUELIST",
                "answered",
                "true",
                "required",
                "true",
                "choices",
                "Street corner");
        assertThat(narrowed.status()).isEqualTo(400);
        assertThat(narrowed.body()).contains("cannot lose PARK");
        assertThat(post(
                                admin,
                                questions + "/WHERE",
                                "question",
                                "Where is the bench?",
                                "datatype",
                                "SINGLEVALUELIST",
                                "answered",
                                "true",
                                "required",
                                "true",
                                "choices",
                                "PARK: In a park\nSTREET_CORNER: Street corner\nSCHOOL: By a school")
                        .status())
                .as("a new choice keeps what earlier answers meant")
                .isEqualTo(302);

        assertThat(post(admin, questions + "/WHERE/remove").status()).isEqualTo(302);
        assertThat(definition("PFR-BENCH-S")).doesNotContain("WHERE");
        java.util.regex.Matcher listed = java.util.regex.Pattern.compile("\\{[^{}]*\"PFR-BENCH-S\"[^{}]*}")
                .matcher(new Http(port).get("/open311/v2/services.json").body());
        assertThat(listed.find()).isTrue();
        assertThat(listed.group()).contains("\"metadata\":false");
        // No longer required, and a client holding the old definition is neither refused nor loses its answer.
        Http.Response without = report("PFR-BENCH-S");
        assertThat(without.status()).as(without.body()).isEqualTo(200);
        Http.Response old = report("PFR-BENCH-S", "WHERE", "STREET_CORNER");
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(report("PFR-BENCH-S", "WHERE", "ROOFTOP").body()).contains("attribute[WHERE] must be one of");

        for (String[] answered : new String[][] {{before, "In a park"}, {old.body(), "Street corner"}}) {
            String page = admin.get("/staff/requests/" + requestId(answered[0])).body();
            assertThat(page).contains("Where is the bench?", answered[1], "(no longer asked)");
        }
        assertThat(admin.get(questions + "/WHERE").body()).contains("No longer asked", "Ask it again");

        Http.Response reused = post(
                admin,
                questions,
                "code",
                "WHERE",
                "question",
                "Where were you?",
                "datatype",
                "STRING",
                "answered",
                "true");
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).contains("now retired");
        // Answered, it is never deleted.
        assertThat(post(admin, questions + "/WHERE/delete").status()).isEqualTo(302);
        assertThat(admin.get(questions + "/WHERE").body()).contains("was answered in requests", "No longer asked");

        assertThat(post(admin, questions + "/WHERE/ask").status()).isEqualTo(302);
        assertThat(definition("PFR-BENCH-S")).contains("\"WHERE\"", "Where is the bench?");
        assertThat(report("PFR-BENCH-S").status()).isEqualTo(400);
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-BENCH-S").body())
                .contains("question WHERE retired", "question WHERE asked again");
    }

    @Test
    void aRetiredQuestionNoRequestAnsweredIsDeletedAndItsCodeIsFreeAgain() {
        Http admin = admin();
        assertThat(ServiceTypeEditingTests.post(
                                admin, "/staff/admin/catalogue/types", ServiceTypeEditingTests.form("PFR-BENCH-D"))
                        .status())
                .isEqualTo(302);
        String questions = "/staff/admin/catalogue/types/PFR-BENCH-D/questions";
        String[] mistake = {
            "code", "COLOUR", "question", "What colour is the bench?", "datatype", "STRING", "answered", "true"
        };
        assertThat(post(admin, questions, mistake).status()).isEqualTo(302);

        assertThat(post(admin, questions + "/COLOUR/delete").status()).isEqualTo(302);
        assertThat(admin.get(questions + "/COLOUR").body()).contains("is still asked: retire it first");
        assertThat(post(admin, questions + "/COLOUR/remove").status()).isEqualTo(302);
        assertThat(post(admin, questions + "/COLOUR/delete").status()).isEqualTo(302);
        assertThat(admin.get(questions + "/COLOUR").status()).isEqualTo(404);
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-BENCH-D").body())
                .contains("question COLOUR deleted (What colour is the bench?)");
        assertThat(post(admin, questions, mistake).status())
                .as("its code is free again")
                .isEqualTo(302);
    }

    static String requestId(String created) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"service_request_id\":\"([^\"]+)\"")
                .matcher(created);
        assertThat(id.find()).as(created).isTrue();
        return id.group(1);
    }

    @Test
    void badQuestionsAreRefusedByNameAndOnlyAdministratorsChangeThem() {
        Http admin = admin();
        assertThat(ServiceTypeEditingTests.post(
                                admin, "/staff/admin/catalogue/types", ServiceTypeEditingTests.form("PFR-BENCH-R"))
                        .status())
                .isEqualTo(302);
        String questions = "/staff/admin/catalogue/types/PFR-BENCH-R/questions";
        assertThat(post(
                                admin,
                                questions,
                                "code",
                                "SIZE",
                                "question",
                                "How big?",
                                "datatype",
                                "STRING",
                                "answered",
                                "true")
                        .status())
                .isEqualTo(302);
        Map<String, String[]> refusals = Map.of(
                "Choices are needed for a list question",
                new String[] {"code", "KIND", "question", "Which?", "datatype", "SINGLEVALUELIST", "answered", "true"},
                "Code “SIZE” is already a question of this type",
                new String[] {"code", "SIZE", "question", "Again?", "datatype", "STRING", "answered", "true"},
                "Its kind of answer must be one of",
                new String[] {"code", "COLOUR", "question", "Which colour?", "datatype", "COLOR", "answered", "true"},
                "Required cannot be ticked for a notice",
                new String[] {"code", "NOTE", "question", "Read this", "datatype", "STRING", "required", "true"},
                "The question must be plain text",
                new String[] {"code", "X", "question", "<b>bold</b>", "datatype", "STRING", "answered", "true"},
                "Choices have the key A twice",
                new String[] {
                    "code",
                    "DUP",
                    "question",
                    "Which?",
                    "datatype",
                    "MULTIVALUELIST",
                    "answered",
                    "true",
                    "choices",
                    "A: One\nA: Two"
                });
        refusals.forEach((refusal, fields) -> {
            Http.Response refused = post(admin, questions, fields);
            assertThat(refused.status()).as(refusal).isEqualTo(400);
            assertThat(refused.body()).as(refusal).contains(refusal);
        });
        assertThat(definition("PFR-BENCH-R")).contains("\"SIZE\"").doesNotContain("Again?");
        assertThat(admin.get("/staff/admin/catalogue/types/NO-SUCH-TYPE/questions/new")
                        .status())
                .isEqualTo(404);

        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get(questions + "/SIZE").status()).isEqualTo(403);
        assertThat(post(agent, questions + "/SIZE/remove").status()).isEqualTo(403);
    }
}
