package org.civic311.knowledge;

import org.jspecify.annotations.Nullable;

/**
 * Someone who publishes or archives articles: for every department (311's supervisors, administrators), or for their
 * own department's articles only (a department's manager).
 *
 * @param departmentCode the department whose articles they review, when not every department's
 */
public record Reviewer(String username, @Nullable String departmentCode, boolean everyDepartment) {

    /** Whether they review an article of the department; an article of no department is 311's own. */
    public boolean reviews(@Nullable String articleDepartment) {
        return everyDepartment || (articleDepartment != null && articleDepartment.equals(departmentCode));
    }
}
