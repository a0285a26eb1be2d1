package org.civic311.common;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the public read API reads: Open311 searches and open data. A large city points it at a streaming replica
 * (`civic311.database.replica.url`), so that residents' and developers' searches never compete with intake and staff
 * work on the primary; without one, it reads the primary.
 *
 * <p>Only reads that tolerate a replica's lag of about a second belong here. A resident reading back the request
 * they have just filed, or staff looking at what they have just changed, read the primary.
 */
public final class PublicReads {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate readOnlyTransactions;

    public PublicReads(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
        this.readOnlyTransactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.readOnlyTransactions.setReadOnly(true);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** For streaming large results through a cursor, which PostgreSQL's driver does only inside a transaction. */
    public JdbcTemplate template() {
        return template;
    }

    public TransactionTemplate readOnlyTransactions() {
        return readOnlyTransactions;
    }
}
