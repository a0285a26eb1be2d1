package org.civic311.triage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains the category model that ships with Civic311, reproducibly (same data, same settings, same seed): the
 * labelled citizen texts whose labels map onto the demo city's service types, and for every active service type its
 * name, description and keywords, so that a type gets suggestions before it has any history.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.civic311.triage.CategoryTraining</pre>
 */
public final class CategoryTraining {

    static final Path TEXTS = Path.of("triage-training/labeled_descriptions_train.csv");
    static final Path MAPPING = Path.of("triage-training/label-mapping.csv");
    static final Path CATALOGUE = Path.of("src/main/resources/democity/catalog.json");
    static final Path MODEL = Path.of("src/main/resources/triage/category-model.bin");
    /** How many times each catalogue text counts, so that a type with no history still has weight. */
    static final int CATALOGUE_WEIGHT = 3;

    private CategoryTraining() {}

    public static void main(String[] args) throws Exception {
        List<CategoryModel.Sample> samples = samples(TEXTS, MAPPING, CATALOGUE);
        long start = System.nanoTime();
        CategoryModel model = CategoryModel.train(samples, CategoryModel.COST, new SentenceMeaning()::of);
        Files.createDirectories(MODEL.getParent());
        try (var out = Files.newOutputStream(MODEL)) {
            model.compact().write(out);
        }
        System.out.printf(
                "Trained on %d texts in %.1f s; wrote %s (%d bytes)%n",
                samples.size(), (System.nanoTime() - start) / 1e9, MODEL, Files.size(MODEL));
    }

    static List<CategoryModel.Sample> samples(Path texts, Path mapping, Path catalogue) throws Exception {
        Map<String, String> codes = new HashMap<>();
        for (Map<String, String> row : TrainingData.read(mapping)) {
            codes.put(row.get("label"), row.get("service_code"));
        }
        List<CategoryModel.Sample> samples = new ArrayList<>();
        for (Map<String, String> row : TrainingData.read(texts)) {
            String code = codes.get(row.get("label"));
            if (code != null && !row.get("text").isBlank()) {
                samples.add(new CategoryModel.Sample(row.get("text"), code));
            }
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(catalogue)) {
            root = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode type : root.required("serviceTypes")) {
            if (!type.path("active").asBoolean(true)) {
                continue;
            }
            String code = type.required("code").asString();
            List<String> keywords = new ArrayList<>();
            type.path("keywords").forEach(k -> keywords.add(k.asString()));
            List<String> own = new ArrayList<>();
            own.add(type.required("name").asString());
            own.add(type.required("name").asString() + " " + String.join(" ", keywords));
            if (!type.path("description").isNull() && type.has("description")) {
                own.add(type.path("description").asString());
            }
            own.addAll(keywords);
            for (int i = 0; i < CATALOGUE_WEIGHT; i++) {
                own.forEach(text -> samples.add(new CategoryModel.Sample(text, code)));
            }
        }
        return samples;
    }
}
