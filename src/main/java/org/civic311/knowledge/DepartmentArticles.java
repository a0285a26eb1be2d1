package org.civic311.knowledge;

import java.util.Optional;
import org.civic311.catalog.DepartmentUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Knowledge articles a department owns keep it: agents read whom an answer comes from. */
@Component
class DepartmentArticles implements DepartmentUse {

    private final JdbcClient jdbc;

    DepartmentArticles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> stillNames(String jurisdictionId, String departmentCode) {
        return DepartmentUse.counted(
                jdbc,
                "select count(*) from knowledge_article where jurisdiction_id = :j and department_code = :d",
                jurisdictionId,
                departmentCode,
                "knowledge article",
                "knowledge articles");
    }
}
