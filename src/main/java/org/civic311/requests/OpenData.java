package org.civic311.requests;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.civic311.common.PublicReads;
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

    /** Reads where the public reads go: the replica when one is configured. */
    OpenData(PublicReads reads) {
        this.jdbc = reads.template();
        this.readOnly = reads.readOnlyTransactions();
    }

    /** Passes each request of the query to the sink, oldest first. */
    public void export(OpenDataQuery query, Consumer<PublicRecord> sink) {
        StringBuilder sql = new StringBuilder(
                """
                select r.public_id, r.service_code, r.service_name, r.agency, r.status_code, r.closed, r.status_notes,
                       coalesce(r.description_public, r.description) as description, r.address, r.lat, r.lon,
                       r.ward_code, r.channel, r.requested_at, r.updated_at, r.expected_at, r.closed_at, r.resolution,
                       r.location_private or coalesce(st.private_location, false) as location_private,
                       -- The photos the public sees: a home's, or a reviewed type's, once staff showed them.
                       (select array_agg(m.url order by m.position) from request_media m
                        where m.request_id = r.id and m.public) as media
                from service_request r
                     left join service_type st on st.jurisdiction_id = r.jurisdiction_id and st.code = r.service_code
                where r.jurisdiction_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(query.jurisdictionId()));
        if (query.changedSince() != null) {
            sql.append(" and r.updated_at >= ?");
            parameters.add(Timestamp.from(query.changedSince()));
        } else {
            sql.append(" and r.requested_at >= ? and r.requested_at < ?");
            parameters.add(Timestamp.from(query.from()));
            parameters.add(Timestamp.from(query.to()));
        }
        if (query.serviceCode() != null) {
            sql.append(" and r.service_code = ?");
            parameters.add(query.serviceCode());
        }
        if (query.closed() != null) {
            sql.append(" and r.closed = ?");
            parameters.add(query.closed());
        }
        if (query.statusCode() != null) {
            sql.append(" and r.status_code = ?");
            parameters.add(query.statusCode());
        }
        if (query.wardCode() != null) {
            sql.append(" and r.ward_code = ?");
            parameters.add(query.wardCode());
        }
        sql.append(query.changedSince() != null ? " order by r.updated_at, r.id" : " order by r.requested_at, r.id");
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
                    boolean priv = rs.getBoolean("location_private");
                    sink.accept(new PublicRecord(
                            rs.getString("public_id"),
                            rs.getString("service_code"),
                            rs.getString("service_name"),
                            rs.getString("agency"),
                            rs.getString("status_code"),
                            rs.getBoolean("closed"),
                            rs.getString("status_notes"),
                            ServiceRequest.publicDescription(
                                    rs.getString("description"), priv, rs.getString("address")),
                            // A home's exact place is never published: the street and the area only.
                            !priv || rs.getString("address") == null
                                    ? rs.getString("address")
                                    : ServiceRequest.street(rs.getString("address")),
                            priv ? ServiceRequest.cell((Double) rs.getObject("lat")) : (Double) rs.getObject("lat"),
                            priv ? ServiceRequest.cell((Double) rs.getObject("lon")) : (Double) rs.getObject("lon"),
                            priv && rs.getObject("lat") != null,
                            rs.getString("ward_code"),
                            Channel.valueOf(rs.getString("channel")),
                            rs.getTimestamp("requested_at").toInstant(),
                            updated == null ? null : updated.toInstant(),
                            expected == null ? null : expected.toInstant(),
                            closedAt == null ? null : closedAt.toInstant(),
                            rs.getString("resolution"),
                            rs.getArray("media") == null
                                    ? List.of()
                                    : List.of((String[]) rs.getArray("media").getArray())));
                }));
    }
}
