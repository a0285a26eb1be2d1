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
        knowledge.defineSynonyms(jurisdiction, "recycling", List.of("blue bin"));
        knowledge.defineSynonyms(jurisdiction, "blue bin", List.of("recycling"));
        knowledge.defineSynonyms(jurisdiction, "green bin", List.of("organics", "compost"));
        knowledge.defineSynonyms(jurisdiction, "garbage", List.of("trash", "refuse", "rubbish", "waste"));
        knowledge.defineSynonyms(jurisdiction, "trash", List.of("garbage"));
        knowledge.defineSynonyms(jurisdiction, "rubbish", List.of("garbage"));
        knowledge.defineSynonyms(jurisdiction, "streetlight", List.of("street light", "lamp post"));
        knowledge.defineSynonyms(jurisdiction, "hydro pole", List.of("streetlight", "utility pole"));
        knowledge.defineSynonyms(jurisdiction, "windrow", List.of("snow bank", "snow at the end of my driveway"));
        knowledge.defineSynonyms(jurisdiction, "catch basin", List.of("storm drain", "sewer grate"));
        knowledge.defineSynonyms(jurisdiction, "storm drain", List.of("catch basin"));
        knowledge.defineSynonyms(jurisdiction, "bylaw", List.of("by-law", "rule"));
        knowledge.defineSynonyms(jurisdiction, "pavement", List.of("sidewalk"));
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

    /** Where an FAQ comes from, as an agent reads it: "FixMyStreet FAQ, Bristol". */
    static String origin(String cobrand) {
        if (cobrand.isBlank() || cobrand.equals("base") || cobrand.startsWith("fixmystreet")) {
            return "FixMyStreet FAQ";
        }
        return "FixMyStreet FAQ, " + Character.toUpperCase(cobrand.charAt(0)) + cobrand.substring(1);
    }

    private List<ArticleDraft> faq() {
        List<ArticleDraft> articles = new ArrayList<>();
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
                // A few councils' questions run to a paragraph: the title is its start, the body keeps it whole.
                boolean longQuestion = question.length() > 160;
                String title = longQuestion ? question.substring(0, question.lastIndexOf(' ', 150)) + " …" : question;
                // Another city's answers, for agents to adapt: named as such, and never offered as Toronto's own to
                // residents.
                articles.add(new ArticleDraft(
                        title + " (" + origin(council) + ")",
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
