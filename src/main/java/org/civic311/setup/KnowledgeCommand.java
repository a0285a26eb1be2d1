package org.civic311.setup;

import static org.civic311.setup.CommandOptions.option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.knowledge.ArticleDraft;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar civic311.jar knowledge FAQ.json --jurisdiction=ID [--source="NAME"]}: loads a city's existing
 * answers (its FAQ, already checked there) into the knowledge base, published at once, and the words its residents
 * use for its jargon. All of it or nothing. Exits with 0 when loaded, 2 for a fault in the arguments or the file.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "knowledge")
class KnowledgeCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = "usage: knowledge FAQ.json --jurisdiction=ID [--source=\"NAME\"]";

    private final Catalog catalog;
    private final KnowledgeBase knowledge;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private int exitCode;

    KnowledgeCommand(Catalog catalog, KnowledgeBase knowledge, TransactionTemplate transaction, JsonMapper json) {
        this.catalog = catalog;
        this.knowledge = knowledge;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> files = arguments.getNonOptionArgs();
        String jurisdiction = option(arguments, "jurisdiction");
        if (files.size() != 1 || jurisdiction == null) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        }
        if (catalog.jurisdiction(jurisdiction).isEmpty()) {
            System.err.println("knowledge: no city " + jurisdiction + " is defined (see the city command)");
            exitCode = 2;
            return;
        }
        Path file = Path.of(files.getFirst());
        String source = option(arguments, "source");
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            System.err.println("knowledge: no file " + e.getFile());
            exitCode = 2;
            return;
        } catch (IOException | JacksonException e) {
            System.err.println("knowledge: " + file + " is not JSON: " + e.getMessage());
            exitCode = 2;
            return;
        }
        String from = source != null ? source : file.getFileName().toString();
        String[] where = {"the file"};
        try {
            Loaded loaded = transaction.execute(status -> load(jurisdiction, root, from, where));
            System.err.printf(
                    "%d articles published (%d new, %d updated, %d as they were, %d as corrected in the console) and"
                            + " %d terms' synonyms defined for %s, from %s.%n",
                    loaded.articles().added()
                            + loaded.articles().updated()
                            + loaded.articles().unchanged()
                            + loaded.articles().corrected(),
                    loaded.articles().added(),
                    loaded.articles().updated(),
                    loaded.articles().unchanged(),
                    loaded.articles().corrected(),
                    loaded.terms(),
                    jurisdiction,
                    from);
        } catch (InvalidInputException | IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("knowledge: " + where[0] + ": " + e.getMessage() + "; nothing was loaded");
            exitCode = 2;
        }
    }

    private record Loaded(KnowledgeBase.Imported articles, int terms) {}

    /** Loads the file's articles and synonyms; {@code where} names the entry being read, for a refusal. */
    private Loaded load(String jurisdiction, JsonNode root, String source, String[] where) {
        JsonNode articles = root.path("articles");
        KnowledgeBase.Imported imported = KnowledgeBase.Imported.NOTHING;
        // An article is known by its title: one given twice in a file would silently replace the first.
        java.util.Map<String, Integer> titles = new java.util.HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            JsonNode a = articles.get(i);
            where[0] = "articles[" + i + "]";
            Integer earlier =
                    titles.putIfAbsent(a.path("title").asString("").strip().toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new InvalidInputException("title", "is the title of articles[" + earlier + "] too");
            }
            ArticleDraft article = new ArticleDraft(
                    a.path("title").asString(""),
                    a.path("body").asString(""),
                    text(a, "department"),
                    a.path("keywords").valueStream().map(JsonNode::asString).toList(),
                    audience(text(a, "audience")),
                    text(a, "reviewDate") == null ? null : LocalDate.parse(text(a, "reviewDate")));
            imported = imported.plus(knowledge.importPublished(jurisdiction, List.of(article), source));
        }
        int terms = 0;
        for (var synonyms : root.path("synonyms").properties()) {
            where[0] = "synonyms." + synonyms.getKey();
            knowledge.defineSynonyms(
                    jurisdiction,
                    synonyms.getKey(),
                    synonyms.getValue().valueStream().map(JsonNode::asString).toList(),
                    source);
            terms++;
        }
        return new Loaded(imported, terms);
    }

    private static Audience audience(@Nullable String given) {
        if (given == null) {
            return Audience.PUBLIC;
        }
        try {
            return Audience.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("audience", "must be PUBLIC or STAFF, not " + given);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
