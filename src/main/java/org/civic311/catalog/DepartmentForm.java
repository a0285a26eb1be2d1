package org.civic311.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** A department as an administrator types it into the console, checked by {@link #toDepartment}. */
public record DepartmentForm(String code, String name, String email, String phone, String manager) {

    public static final DepartmentForm BLANK = new DepartmentForm("", "", "", "", "");

    public static DepartmentForm of(Department department) {
        return new DepartmentForm(
                department.code(),
                department.name(),
                department.email() == null ? "" : department.email(),
                department.phone() == null ? "" : department.phone(),
                department.managerKey() == null ? "" : department.managerKey());
    }

    public static DepartmentForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new DepartmentForm(
                text.apply("code"),
                text.apply("name"),
                text.apply("email"),
                text.apply("phone"),
                text.apply("manager"));
    }

    /**
     * The department this form describes under the given code.
     *
     * @param people the directory, where its manager must be
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    Department toDepartment(String jurisdictionId, String code, List<Person> people) {
        String managerKey = FormFields.line("manager", manager, 64);
        if (managerKey != null && people.stream().noneMatch(p -> p.key().equals(managerKey))) {
            throw new InvalidInputException("manager", "“" + managerKey + "” is not in the directory");
        }
        return new Department(
                jurisdictionId,
                FormFields.code("code", code),
                FormFields.required("name", name, 200),
                FormFields.email("email", email),
                FormFields.phone("phone", phone),
                managerKey);
    }

    /** What changes from one version of a department to the next, for the record. */
    static List<String> changes(Department before, Department after) {
        List<String> changes = new ArrayList<>();
        FormFields.changed(changes, "name", before.name(), after.name());
        FormFields.changed(changes, "email", before.email(), after.email());
        FormFields.changed(changes, "phone", before.phone(), after.phone());
        FormFields.changed(changes, "manager", before.managerKey(), after.managerKey());
        return changes;
    }
}
