package org.civic311.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A service type as an administrator types it into the console: every field as text, checked and turned into a
 * {@link ServiceType} by {@link #toServiceType}, which names the first field that breaks a rule. The questions are
 * not on the form: they stay as they are, and a city changes them in its catalogue file.
 */
public record ServiceTypeForm(
        String code,
        String name,
        String description,
        String group,
        String department,
        String keywords,
        String delivery,
        boolean active,
        String targetAmount,
        String targetUnit,
        String notice,
        String duplicateRadius,
        String repeatThreshold,
        String repeatWindowDays,
        String repeatRadius,
        boolean anonymousAllowed,
        boolean privateLocation,
        boolean staffOnly,
        boolean photosReviewed) {

    static final int MAX_KEYWORDS = 40;

    /**
     * The form of a new type: active, due in five business days, with the usual duplicate policy, its department left
     * to be chosen.
     */
    public static final ServiceTypeForm BLANK = of(
            "",
            new ServiceType(
                    "",
                    "",
                    "",
                    null,
                    "",
                    "",
                    "",
                    List.of(),
                    ServiceDelivery.REALTIME,
                    true,
                    new ServiceLevelTarget(5, ServiceLevelTarget.Unit.BUSINESS_DAYS),
                    null,
                    List.of(),
                    DuplicatePolicy.STANDARD,
                    true,
                    false,
                    false,
                    false));

    /** The form showing a type as it is. */
    public static ServiceTypeForm of(ServiceType type) {
        return of(type.code(), type);
    }

    private static ServiceTypeForm of(String code, ServiceType type) {
        DuplicatePolicy d = type.duplicates();
        return new ServiceTypeForm(
                code,
                type.name(),
                type.description() == null ? "" : type.description(),
                type.group(),
                type.departmentCode(),
                String.join(", ", type.keywords()),
                type.delivery().name(),
                type.active(),
                Integer.toString(type.target().amount()),
                type.target().unit().name(),
                type.notice() == null ? "" : type.notice(),
                Integer.toString(d.duplicateRadiusMetres()),
                Integer.toString(d.repeatThreshold()),
                Integer.toString(d.repeatWindowDays()),
                Integer.toString(d.repeatRadiusMetres()),
                type.anonymousAllowed(),
                type.privateLocation(),
                type.staffOnly(),
                type.photosReviewed());
    }

    /**
     * The form as a browser posts it: a field left out is empty, and an unticked box, which browsers leave out, is
     * false.
     */
    public static ServiceTypeForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new ServiceTypeForm(
                text.apply("code"),
                text.apply("name"),
                text.apply("description"),
                text.apply("group"),
                text.apply("department"),
                text.apply("keywords"),
                text.apply("delivery"),
                FormFields.ticked(field, "active"),
                text.apply("targetAmount"),
                text.apply("targetUnit"),
                text.apply("notice"),
                text.apply("duplicateRadius"),
                text.apply("repeatThreshold"),
                text.apply("repeatWindowDays"),
                text.apply("repeatRadius"),
                FormFields.ticked(field, "anonymousAllowed"),
                FormFields.ticked(field, "privateLocation"),
                FormFields.ticked(field, "staffOnly"),
                FormFields.ticked(field, "photosReviewed"));
    }

    /** The form with another code: a type's code is its Open311 identity and is never changed on an existing one. */
    ServiceTypeForm withCode(String code) {
        return new ServiceTypeForm(
                code,
                name,
                description,
                group,
                department,
                keywords,
                delivery,
                active,
                targetAmount,
                targetUnit,
                notice,
                duplicateRadius,
                repeatThreshold,
                repeatWindowDays,
                repeatRadius,
                anonymousAllowed,
                privateLocation,
                staffOnly,
                photosReviewed);
    }

    /**
     * The service type this form describes, in the given department and with the given questions.
     *
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    ServiceType toServiceType(String jurisdictionId, Department department, List<ServiceAttribute> questions) {
        String code = FormFields.code("code", code());
        ServiceLevelTarget.Unit unit = FormFields.choice("targetUnit", targetUnit, ServiceLevelTarget.Unit.class);
        int amount = FormFields.whole(
                "targetAmount", targetAmount, 1, unit == ServiceLevelTarget.Unit.HOURS ? 24 * 366 : 366);
        return new ServiceType(
                jurisdictionId,
                code,
                FormFields.required("name", name, 200),
                FormFields.optional("description", description, 4000),
                FormFields.required("group", group, 100),
                department.code(),
                department.name(),
                keywordList(),
                FormFields.choice("delivery", delivery, ServiceDelivery.class),
                active,
                new ServiceLevelTarget(amount, unit),
                FormFields.optional("notice", notice, 1000),
                questions,
                new DuplicatePolicy(
                        FormFields.whole("duplicateRadius", duplicateRadius, 0, 5000),
                        FormFields.whole("repeatThreshold", repeatThreshold, 2, 1000),
                        FormFields.whole("repeatWindowDays", repeatWindowDays, 1, 3660),
                        FormFields.whole("repeatRadius", repeatRadius, 0, 1000)),
                anonymousAllowed,
                privateLocation,
                staffOnly,
                photosReviewed);
    }

    private List<String> keywordList() {
        List<String> words = Arrays.stream(keywords.split(","))
                .map(word -> FormFields.line("keywords", word, 60))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        // Open311 shows them joined: two halves of a tag must not make one there.
        if (org.civic311.common.PlainText.containsMarkup(String.join(", ", words))) {
            throw new InvalidInputException("keywords", "must be plain text, without markup");
        }
        if (words.size() > MAX_KEYWORDS) {
            throw new InvalidInputException("keywords", "may be at most " + MAX_KEYWORDS + ", separated by commas");
        }
        return words;
    }
}
