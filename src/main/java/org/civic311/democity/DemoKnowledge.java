package org.civic311.democity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.civic311.knowledge.ArticleDraft;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo city's knowledge base: articles on its own services (democity/knowledge.json), the real FAQ of UK
 * councils from FixMyStreet (democity/faq.jsonl), and the synonyms residents use for city jargon.
 */
final class DemoKnowledge {

    private final KnowledgeBase knowledge;
    private final JsonMapper json;

    DemoKnowledge(KnowledgeBase knowledge, JsonMapper json) {
        this.knowledge = knowledge;
        this.json = json;
    }

    void load(String jurisdiction) {
        knowledge.importPublished(jurisdiction, articles(), "demo city");
        knowledge.importPublished(jurisdiction, faq(), "FixMyStreet FAQ");
        knowledge.defineSynonyms(jurisdiction, "recycling", List.of("blue bin"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "green bin", List.of("organics", "compost"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "garbage", List.of("trash", "refuse", "rubbish", "waste"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "streetlight", List.of("street light", "lamp post"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "hydro pole", List.of("streetlight", "utility pole"), "demo city");
        knowledge.defineSynonyms(
                jurisdiction, "windrow", List.of("snow bank", "snow at the end of my driveway"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "catch basin", List.of("storm drain", "sewer grate"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "bylaw", List.of("by-law", "rule"), "demo city");
        knowledge.defineSynonyms(jurisdiction, "pavement", List.of("sidewalk"), "demo city");
    }

    private List<ArticleDraft> articles() {
        List<ArticleDraft> articles = new ArrayList<>();
        try (InputStream in = new ClassPathResource("democity/knowledge.json").getInputStream()) {
            for (JsonNode article : json.readTree(in)) {
                List<String> keywords = new ArrayList<>();
                article.path("keywords").forEach(k -> keywords.add(k.asString()));
                articles.add(new ArticleDraft(
                        article.required("title").asString(),
                        article.required("body").asString(),
                        article.required("department").asString(),
                        keywords,
                        Audience.valueOf(article.required("audience").asString().toUpperCase(Locale.ROOT)),
                        null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo city's knowledge base", e);
        }
        return articles;
    }

    /** The longest title an article may have. */
    private static final int TITLE_LENGTH = 200;

    /** The bodies whose FixMyStreet sites the FAQs come from, by the site's code in the file. */
    private static final java.util.Map<String, String> SITES = java.util.Map.ofEntries(
            java.util.Map.entry("aberdeenshire", "Aberdeenshire Council"),
            java.util.Map.entry("bristol", "Bristol City Council"),
            java.util.Map.entry("bromley", "Bromley Council"),
            java.util.Map.entry("buckinghamshire", "Buckinghamshire Council"),
            java.util.Map.entry("cyclinguk", "Cycling UK"),
            java.util.Map.entry("dumfries", "Dumfries and Galloway Council"),
            java.util.Map.entry("eastherts", "East Hertfordshire District Council"),
            java.util.Map.entry("greenwich", "Royal Borough of Greenwich"),
            java.util.Map.entry("hart", "Hart District Council"),
            java.util.Map.entry("highwaysengland", "National Highways"),
            java.util.Map.entry("northamptonshire", "Northamptonshire"),
            java.util.Map.entry("northumberland", "Northumberland County Council"),
            java.util.Map.entry("nottinghamshirepolice", "Nottinghamshire Police"),
            java.util.Map.entry("oxfordshire", "Oxfordshire County Council"),
            java.util.Map.entry("peterborough", "Peterborough City Council"),
            java.util.Map.entry("rutland", "Rutland County Council"),
            java.util.Map.entry("thamesmead", "Thamesmead (Peabody)"));

    /**
     * Where an FAQ comes from, as an agent reads it: "FixMyStreet FAQ, Bristol City Council"; the national site's
     * own ("base", "fixmystreet.com") are FixMyStreet's, in the United Kingdom.
     */
    static String origin(String cobrand) {
        String site = SITES.get(cobrand);
        return site != null ? "FixMyStreet FAQ, " + site : "FixMyStreet FAQ, United Kingdom";
    }

    private List<ArticleDraft> faq() {
        List<ArticleDraft> articles = new ArrayList<>();
        // fixmystreet.com asks "The site isn't working" in two of its templates: the first answer is kept, since an
        // article is known by its title.
        java.util.Set<String> titles = new java.util.HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("democity/faq.jsonl").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode pair = json.readTree(line);
                String council = pair.path("cobrand").asString("");
                String question = pair.required("question").asString().strip();
                String answer = pair.required("answer").asString().strip();
                if (question.isEmpty() || answer.isEmpty()) {
                    continue;
                }
                // Another place's answers, for agents to adapt: named as such, and never offered as Toronto's own to
                // residents.
                String origin = " (" + origin(council) + ")";
                // A few councils' questions run to a paragraph: the title is its start, the body keeps it whole.
                int room = TITLE_LENGTH - origin.length();
                boolean longQuestion = question.length() > room;
                String title =
                        longQuestion ? question.substring(0, question.lastIndexOf(' ', room - 2)) + " …" : question;
                if (!titles.add((title + origin).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                articles.add(new ArticleDraft(
                        title + origin,
                        longQuestion ? question + "\n\n" + answer : answer,
                        "TO311",
                        List.of("faq", council),
                        Audience.STAFF,
                        null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the FAQ", e);
        }
        return articles;
    }
}
