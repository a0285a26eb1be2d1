package org.civic311.catalog;

import java.util.Optional;

/**
 * What another module keeps under a department's code: staff in it, articles it owns, requests and inquiries that
 * were its. A module that names departments implements it, and the catalogue asks each before it removes one.
 */
public interface DepartmentUse {

    /**
     * What still names this department, said so an administrator can act on it ("3 staff accounts belong to it"), or
     * empty when nothing does.
     */
    Optional<String> stillNames(String jurisdictionId, String departmentCode);

    /**
     * How many rows a count names the department in, said as "1 staff account" or "3 staff accounts"; empty for none.
     *
     * @param count a count of rows with the parameters {@code :j} (the jurisdiction) and {@code :d} (the department)
     */
    static Optional<String> counted(
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            String count,
            String jurisdictionId,
            String departmentCode,
            String one,
            String many) {
        int rows = jdbc.sql(count)
                .param("j", jurisdictionId)
                .param("d", departmentCode)
                .query(Integer.class)
                .single();
        return rows == 0 ? Optional.empty() : Optional.of(rows + " " + (rows == 1 ? one : many));
    }
}
