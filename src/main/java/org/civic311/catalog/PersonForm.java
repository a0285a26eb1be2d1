package org.civic311.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Someone in the people directory as an administrator types them into the console, checked by {@link #toPerson}. A
 * person's phone number is what a caller is given when a callback promise is made on their behalf, so it is required.
 */
public record PersonForm(
        String key, String name, String title, String department, String role, String phone, String email) {

    /** A new person's form: their department left to be chosen. */
    public static final PersonForm BLANK = new PersonForm("", "", "", "", PersonRole.STAFF.name(), "", "");

    public static PersonForm of(Person person) {
        return new PersonForm(
                person.key(),
                person.name(),
                person.title(),
                person.departmentCode(),
                person.role().name(),
                person.phone(),
                person.email());
    }

    public static PersonForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new PersonForm(
                text.apply("key"),
                text.apply("name"),
                text.apply("title"),
                text.apply("department"),
                text.apply("role"),
                text.apply("phone"),
                text.apply("email"));
    }

    /**
     * The person this form describes under the given key.
     *
     * @param departments the jurisdiction's departments, one of which they work in
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    Person toPerson(String jurisdictionId, String key, List<Department> departments) {
        String checkedKey = FormFields.code("key", key);
        String departmentCode = department.strip();
        if (departmentCode.isEmpty()) {
            throw new InvalidInputException("department", "is required");
        }
        if (departments.stream().noneMatch(d -> d.code().equals(departmentCode))) {
            throw new InvalidInputException(
                    "department", "“" + department + "” is not a department of " + jurisdictionId);
        }
        String phoneNumber = FormFields.phone("phone", phone);
        if (phoneNumber == null) {
            throw new InvalidInputException("phone", "is required: callers are given it when a callback is promised");
        }
        String address = FormFields.email("email", email);
        if (address == null) {
            throw new InvalidInputException("email", "is required: alerts of promises nearing their deadline go to it");
        }
        return new Person(
                jurisdictionId,
                checkedKey,
                FormFields.required("name", name, 100),
                FormFields.required("title", title, 200),
                departmentCode,
                FormFields.choice("role", role, PersonRole.class),
                phoneNumber,
                address);
    }

    /** What changes from one version of a person to the next, for the record. */
    static List<String> changes(Person before, Person after) {
        List<String> changes = new ArrayList<>();
        FormFields.changed(changes, "name", before.name(), after.name());
        FormFields.changed(changes, "title", before.title(), after.title());
        FormFields.changed(changes, "department", before.departmentCode(), after.departmentCode());
        FormFields.changed(changes, "role", before.role().name(), after.role().name());
        FormFields.changed(changes, "phone", before.phone(), after.phone());
        FormFields.changed(changes, "email", before.email(), after.email());
        return changes;
    }
}
