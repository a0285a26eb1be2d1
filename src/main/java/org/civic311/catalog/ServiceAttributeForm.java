package org.civic311.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A question of a service type as an administrator types it into the console, checked by {@link #toAttribute}. A
 * list question's choices are typed one per line, as "KEY: Name" or just the name, whose key is then made from it.
 *
 * @param answered false for a notice shown to the resident that takes no answer
 */
public record ServiceAttributeForm(
        String code,
        String question,
        String datatype,
        boolean answered,
        boolean required,
        String hint,
        String choices) {

    public static final ServiceAttributeForm BLANK =
            new ServiceAttributeForm("", "", AttributeDatatype.STRING.name(), true, false, "", "");

    public static ServiceAttributeForm of(ServiceAttribute attribute) {
        return new ServiceAttributeForm(
                attribute.code(),
                attribute.description(),
                attribute.datatype().name(),
                attribute.variable(),
                attribute.required(),
                attribute.datatypeDescription() == null ? "" : attribute.datatypeDescription(),
                attribute.values().stream().map(v -> v.key() + ": " + v.name()).collect(Collectors.joining("\n")));
    }

    public static ServiceAttributeForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new ServiceAttributeForm(
                text.apply("code"),
                text.apply("question"),
                text.apply("datatype"),
                FormFields.ticked(field, "answered"),
                FormFields.ticked(field, "required"),
                text.apply("hint"),
                text.apply("choices"));
    }

    /**
     * The question this form describes.
     *
     * @param code its code: the form's for a new question, the question's own for one changed
     * @param order where clients show it, from 1
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    ServiceAttribute toAttribute(String code, int order) {
        AttributeDatatype type = FormFields.choice("datatype", datatype, AttributeDatatype.class);
        List<AttributeValue> values = values();
        if (type.isList() && values.isEmpty()) {
            throw new InvalidInputException("choices", "are needed for a list question, one per line");
        }
        if (!type.isList() && !values.isEmpty()) {
            throw new InvalidInputException("choices", "are for list questions only; choose a list as its kind");
        }
        if (!answered && required) {
            throw new InvalidInputException("required", "cannot be ticked for a notice, which takes no answer");
        }
        return new ServiceAttribute(
                FormFields.code("code", code),
                answered,
                type,
                required,
                FormFields.line("hint", hint, 200),
                order,
                FormFields.required("question", question, 500),
                values,
                false);
    }

    private List<AttributeValue> values() {
        List<AttributeValue> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String line : choices.split("\\R")) {
            String choice = FormFields.line("choices", line, 200);
            if (choice == null) {
                continue;
            }
            int colon = choice.indexOf(':');
            String name = colon < 0 ? choice : choice.substring(colon + 1).strip();
            String key = colon < 0 ? key(choice) : choice.substring(0, colon).strip();
            if (key.isEmpty() || name.isEmpty()) {
                throw new InvalidInputException("choices", "“" + choice + "” needs a name, as “KEY: Name” or “Name”");
            }
            FormFields.code("choices", key);
            if (!keys.add(key)) {
                throw new InvalidInputException("choices", "have the key " + key + " twice");
            }
            values.add(new AttributeValue(key, name));
        }
        return values;
    }

    /** A choice's key made from its name: "Larger than a dinner plate" becomes LARGER_THAN_A_DINNER_PLATE. */
    private static String key(String name) {
        String key = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    /** What changes from one version of a question to the next, for the record. */
    static List<String> changes(ServiceAttribute before, ServiceAttribute after) {
        List<String> changes = new ArrayList<>();
        FormFields.changed(changes, "question", before.description(), after.description());
        FormFields.changed(
                changes, "kind", before.datatype().name(), after.datatype().name());
        FormFields.changed(changes, "hint", before.datatypeDescription(), after.datatypeDescription());
        if (before.required() != after.required()) {
            changes.add(after.required() ? "required" : "optional");
        }
        if (before.variable() != after.variable()) {
            changes.add(after.variable() ? "takes an answer" : "a notice only");
        }
        if (!before.values().equals(after.values())) {
            changes.add("choices "
                    + after.values().stream().map(AttributeValue::key).collect(Collectors.joining(", ")));
        }
        return changes;
    }
}
