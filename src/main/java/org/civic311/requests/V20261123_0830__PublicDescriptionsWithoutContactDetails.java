package org.civic311.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Requests stored before descriptions were published without phone numbers and email addresses get their public
 * version, once, as the schema's migration (Flyway names the version after the class). The masking is Java's, the
 * same as at intake, so the rows are read and written here rather than in SQL.
 */
@Component
class V20261123_0830__PublicDescriptionsWithoutContactDetails extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        migrate(context.getConnection());
    }

    /** Masks every stored description that holds an @ or enough digits for a phone number; returns how many. */
    static int migrate(Connection connection) throws java.sql.SQLException {
        int masked = 0;
        try (PreparedStatement select = connection.prepareStatement(
                        """
                        select id, coalesce(description_public, description) from service_request
                        where description like '%@%' or description ~ '([0-9][^0-9]*){8}'""");
                PreparedStatement update =
                        connection.prepareStatement("update service_request set description_public = ? where id = ?")) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String shown = rows.getString(2);
                    String publicDescription = org.civic311.common.PersonalDetails.masked(shown);
                    if (!publicDescription.equals(shown)) {
                        update.setString(1, publicDescription);
                        update.setLong(2, rows.getLong(1));
                        update.addBatch();
                        masked++;
                        if (++pending == BATCH) {
                            update.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        return masked;
    }
}
