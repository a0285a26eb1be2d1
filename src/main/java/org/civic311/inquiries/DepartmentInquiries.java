package org.civic311.inquiries;

import java.util.Optional;
import org.civic311.catalog.DepartmentUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Inquiries escalated to a department keep it: their history and the callbacks promised show it. */
@Component
class DepartmentInquiries implements DepartmentUse {

    private final JdbcClient jdbc;

    DepartmentInquiries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> stillNames(String jurisdictionId, String departmentCode) {
        return DepartmentUse.counted(
                jdbc,
                "select count(*) from inquiry where jurisdiction_id = :j and department_code = :d",
                jurisdictionId,
                departmentCode,
                "inquiry escalated to it",
                "inquiries escalated to it");
    }
}
