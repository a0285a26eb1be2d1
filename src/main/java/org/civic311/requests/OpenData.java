package org.civic311.requests;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests as open data, streamed: PostgreSQL hands them over through a cursor a thousand rows at a time, and each is
 * passed on as it arrives, so a year of a large city's requests never sits in memory.
 */
@Service
public class OpenData {

    static final int FETCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    OpenData(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Passes each request of the query to the sink, oldest first. */
    public void export(OpenDataQuery query, Consumer<PublicRecord> sink) {
        StringBuilder sql = new StringBuilder(
                """
                select public_id, service_code, service_name, agency, status_code, closed, status_notes,
                       coalesce(description_public, description) as description, address, lat, lon, ward_code,
                       channel, requested_at, updated_at, expected_at, closed_at, resolution
                from service_request
                where jurisdiction_id = ? and requested_at >= ? and requested_at < ?""");
        List<Object> parameters = new ArrayList<>(
                List.of(query.jurisdictionId(), Timestamp.from(query.from()), Timestamp.from(query.to())));
        if (query.serviceCode() != null) {
            sql.append(" and service_code = ?");
            parameters.add(query.serviceCode());
        }
        if (query.closed() != null) {
            sql.append(" and closed = ?");
            parameters.add(query.closed());
        }
        if (query.statusCode() != null) {
            sql.append(" and status_code = ?");
            parameters.add(query.statusCode());
        }
        if (query.wardCode() != null) {
            sql.append(" and ward_code = ?");
            parameters.add(query.wardCode());
        }
        sql.append(" order by requested_at, id");
        // The PostgreSQL driver streams with a cursor only inside a transaction and with a fetch size.
        readOnly.executeWithoutResult(status -> jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql.toString());
                    statement.setFetchSize(FETCH);
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    return statement;
                },
                rs -> {
                    Timestamp updated = rs.getTimestamp("updated_at");
                    Timestamp expected = rs.getTimestamp("expected_at");
                    Timestamp closedAt = rs.getTimestamp("closed_at");
                    sink.accept(new PublicRecord(
                            rs.getString("public_id"),
                            rs.getString("service_code"),
                            rs.getString("service_name"),
                            rs.getString("agency"),
                            rs.getString("status_code"),
                            rs.getBoolean("closed"),
                            rs.getString("status_notes"),
                            rs.getString("description"),
                            rs.getString("address"),
                            (Double) rs.getObject("lat"),
                            (Double) rs.getObject("lon"),
                            rs.getString("ward_code"),
                            Channel.valueOf(rs.getString("channel")),
                            rs.getTimestamp("requested_at").toInstant(),
                            updated == null ? null : updated.toInstant(),
                            expected == null ? null : expected.toInstant(),
                            closedAt == null ? null : closedAt.toInstant(),
                            rs.getString("resolution")));
                }));
    }
}
