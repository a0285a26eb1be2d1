package org.civic311.catalog;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A kind of request a resident can make ("Report minor pothole damage"), handled by one department.
 *
 * @param code the Open311 service code; a string, even when it looks like a number
 * @param agencyName the name of the department that handles it
 * @param target how soon its requests are due
 * @param notice what the resident is told to expect, if anything
 * @param attributes the questions asked when a request is made, in their order, and those retired
 * @param duplicates how the same problem reported again is recognised
 * @param anonymousAllowed whether a resident may report it without any way to reach them; a city turns this off where
 *     staff must call back or be let in (an inspection of a rental unit, say)
 * @param privateLocation whether its requests are about a place where someone lives (a cold apartment, a home in
 *     disrepair): their exact address and point are never public, only the area, and they are not found by place * @param staffOnly whether only staff file it (a crew's own work order, an inspector's finding): it is not offered to
 *     residents, on the portal, to Open311 clients or in triage's public suggestions; its requests are as public as
 *     any other's
 * @param photosReviewed whether residents' photos of its requests stay with staff until staff show them (a type
 *     whose photos often catch faces or the insides of homes), rather than being public when sent
 */
public record ServiceType(
        String jurisdictionId,
        String code,
        String name,
        @Nullable String description,
        String group,
        String departmentCode,
        String agencyName,
        List<String> keywords,
        ServiceDelivery delivery,
        boolean active,
        ServiceLevelTarget target,
        @Nullable String notice,
        List<ServiceAttribute> attributes,
        DuplicatePolicy duplicates,
        boolean anonymousAllowed,
        boolean privateLocation,
        boolean staffOnly,
        boolean photosReviewed) {

    public ServiceType {
        keywords = List.copyOf(keywords);
        attributes = attributes.stream()
                .sorted(Comparator.comparingInt(ServiceAttribute::order))
                .toList();
    }

    /** Whether residents and Open311 clients may report it: active, and not a type only staff file. */
    public boolean offeredToResidents() {
        return active && !staffOnly;
    }

    /**
     * Refuses a report of this type that leaves no way to reach its reporter, when the city needs one.
     *
     * @param reachable whether the reporter gave an email, a phone number or an account to answer in
     */
    public void checkReporter(boolean reachable) {
        if (!anonymousAllowed && !reachable) {
            throw new InvalidInputException(
                    "email", "or a phone number is needed for \"" + name + "\": staff must be able to reach you");
        }
    }

    /** The questions new reports are asked, in their order: the service definition. */
    public List<ServiceAttribute> questions() {
        return attributes.stream().filter(ServiceAttribute::asked).toList();
    }

    /** The questions no longer asked, kept for the answers requests hold. */
    public List<ServiceAttribute> retiredQuestions() {
        return attributes.stream().filter(ServiceAttribute::retired).toList();
    }

    /** Whether clients must fetch the service definition to learn its questions. */
    public boolean hasQuestions() {
        return attributes.stream().anyMatch(ServiceAttribute::asked);
    }

    /**
     * Checks a request's answers (keyed by attribute code) against the questions and returns them normalised, in
     * question order. Unknown codes are refused so that a misspelt answer is not silently lost. An answer to a retired
     * question, from a client holding an older definition, is checked and kept, but never required.
     */
    public Map<String, List<String>> checkAnswers(Map<String, List<String>> answers, ZoneId zone) {
        Set<String> known = attributes.stream()
                .filter(ServiceAttribute::variable)
                .map(ServiceAttribute::code)
                .collect(java.util.stream.Collectors.toSet());
        for (String code : answers.keySet()) {
            if (!known.contains(code)) {
                throw new InvalidInputException(
                        ServiceAttribute.ANSWERS + code,
                        "is not a question of service " + this.code + "; its questions are "
                                + questions().stream()
                                        .filter(ServiceAttribute::variable)
                                        .map(ServiceAttribute::code)
                                        .toList());
            }
        }
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (ServiceAttribute attribute : attributes) {
            List<String> given = answers.getOrDefault(attribute.code(), List.of());
            if (!attribute.variable() || (attribute.retired() && given.isEmpty())) {
                continue;
            }
            List<String> value = attribute.normalise(given, zone);
            if (!value.isEmpty()) {
                checked.put(attribute.code(), value);
            }
        }
        return checked;
    }

    /** One answer a request holds, worded as its question was asked. */
    public record Answer(String question, List<String> values, boolean retired) {}

    /**
     * A request's answers as staff read them: each question's wording and the names of the choices, in question
     * order, retired questions included; an answer to a question this type no longer knows (one made before questions
     * were retired, or imported) is shown under its code.
     */
    public List<Answer> describeAnswers(Map<String, List<String>> answers) {
        List<Answer> described = new java.util.ArrayList<>();
        for (ServiceAttribute attribute : attributes) {
            List<String> answer = answers.get(attribute.code());
            if (answer != null && !answer.isEmpty()) {
                described.add(new Answer(attribute.description(), attribute.describe(answer), attribute.retired()));
            }
        }
        answers.forEach((code, answer) -> {
            if (attributes.stream().noneMatch(a -> a.code().equals(code)) && !answer.isEmpty()) {
                described.add(new Answer(code, answer, true));
            }
        });
        return described;
    }

    /** The same type asking these questions. */
    ServiceType withAttributes(List<ServiceAttribute> questions) {
        return new ServiceType(
                jurisdictionId,
                code,
                name,
                description,
                group,
                departmentCode,
                agencyName,
                keywords,
                delivery,
                active,
                target,
                notice,
                questions,
                duplicates,
                anonymousAllowed,
                privateLocation,
                staffOnly,
                photosReviewed);
    }

    /** What changes from this type to {@code after}, as an administrator would say it; empty when nothing does. */
    List<String> changesTo(ServiceType after) {
        List<String> changes = new java.util.ArrayList<>();
        FormFields.changed(changes, "name", name, after.name);
        FormFields.changed(changes, "group", group, after.group);
        FormFields.changed(changes, "department", departmentCode, after.departmentCode);
        if (!target.equals(after.target)) {
            changes.add("due within " + target.describe() + " → " + after.target.describe());
        }
        if (active != after.active) {
            changes.add(after.active ? "takes requests again" : "retired");
        }
        if (!java.util.Objects.equals(description, after.description)) {
            changes.add("description changed");
        }
        if (!java.util.Objects.equals(notice, after.notice)) {
            changes.add("notice changed");
        }
        if (!keywords.equals(after.keywords)) {
            changes.add("keywords " + String.join(", ", after.keywords));
        }
        FormFields.changed(changes, "delivery", delivery.name(), after.delivery.name());
        if (!duplicates.equals(after.duplicates)) {
            DuplicatePolicy d = after.duplicates;
            changes.add("duplicates within " + d.duplicateRadiusMetres() + " m; a repeat is " + d.repeatThreshold()
                    + " reports within " + d.repeatRadiusMetres() + " m in " + d.repeatWindowDays() + " days");
        }
        if (anonymousAllowed != after.anonymousAllowed) {
            changes.add(after.anonymousAllowed ? "may be reported anonymously" : "needs a way to reach the reporter");
        }
        if (privateLocation != after.privateLocation) {
            changes.add(after.privateLocation ? "its places are private" : "its places are public");
        }
        if (photosReviewed != after.photosReviewed) {
            changes.add(after.photosReviewed ? "photos seen by staff first" : "photos public when sent");
        }
        if (staffOnly != after.staffOnly) {
            changes.add(after.staffOnly ? "filed by staff only" : "offered to residents");
        }
        return changes;
    }
}
