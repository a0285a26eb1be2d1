package org.civic311.staff;

import java.util.Optional;
import org.civic311.catalog.DepartmentUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Staff accounts of a department keep it: its queue is theirs, disabled accounts included (their history names it). */
@Component
class DepartmentAccounts implements DepartmentUse {

    private final JdbcClient jdbc;

    DepartmentAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> stillNames(String jurisdictionId, String departmentCode) {
        return DepartmentUse.counted(
                jdbc,
                "select count(*) from staff_account where jurisdiction_id = :j and department_code = :d",
                jurisdictionId,
                departmentCode,
                "staff account",
                "staff accounts");
    }
}
