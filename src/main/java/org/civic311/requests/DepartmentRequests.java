package org.civic311.requests;

import java.util.Optional;
import org.civic311.catalog.DepartmentUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Requests routed to a department keep it: their history, queues and figures show it, closed or not. */
@Component
class DepartmentRequests implements DepartmentUse {

    private final JdbcClient jdbc;

    DepartmentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> stillNames(String jurisdictionId, String departmentCode) {
        return DepartmentUse.counted(
                jdbc,
                "select count(*) from service_request where jurisdiction_id = :j and department_code = :d",
                jurisdictionId,
                departmentCode,
                "request routed to it",
                "requests routed to it");
    }
}
