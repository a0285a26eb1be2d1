package org.civic311.inquiries;

import java.util.Optional;
import org.civic311.catalog.DirectoryEntryUse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Callbacks promised on a person's behalf and not yet made keep that person in the directory. */
@Component
class PromisedCallbacks implements DirectoryEntryUse {

    private final JdbcClient jdbc;

    PromisedCallbacks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> stillNeeds(String jurisdictionId, String key) {
        int pending = jdbc.sql(
                        """
                        select count(*) from callback_promise p join inquiry i on i.id = p.inquiry_id
                        where i.jurisdiction_id = :j and p.person_key = :key and p.state = 'PENDING'""")
                .param("j", jurisdictionId)
                .param("key", key)
                .query(Integer.class)
                .single();
        return pending == 0
                ? Optional.empty()
                : Optional.of("owes " + pending + (pending == 1 ? " promised callback" : " promised callbacks"));
    }
}
