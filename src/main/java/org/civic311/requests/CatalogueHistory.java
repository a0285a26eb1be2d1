package org.civic311.requests;

import java.util.List;
import org.civic311.catalog.RequestHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The requests' side of what the catalogue checks before a status or a question changes. */
@Component
class CatalogueHistory implements RequestHistory {

    private final JdbcClient jdbc;

    CatalogueHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StatusInUse> statusesInUse(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select status_code, closed, count(*) as n from service_request
                        where jurisdiction_id = :j group by status_code, closed""")
                .param("j", jurisdictionId)
                .query((rs, n) ->
                        new StatusInUse(rs.getString("status_code"), rs.getBoolean("closed"), rs.getLong("n")))
                .list();
    }

    @Override
    public boolean answered(String jurisdictionId, String typeCode, String questionCode) {
        return jdbc.sql(
                        """
                        select exists (select 1 from service_request where jurisdiction_id = :j
                                       and service_code = :type and jsonb_exists(attributes, :code))""")
                .param("j", jurisdictionId)
                .param("type", typeCode)
                .param("code", questionCode)
                .query(Boolean.class)
                .single();
    }
}
