package org.civic311.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Open311 API keys, which clients need to create requests. Only a SHA-256 digest of each key is stored: keys are long
 * random strings, so a slow password hash adds nothing but latency to every POST.
 */
@Service
public class ApiKeys {

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers a key for a jurisdiction; registering the same key again changes nothing. */
    public void register(String jurisdictionId, String key, String label) {
        jdbc.sql(
                        """
                        insert into open311_api_key (jurisdiction_id, key_digest, label) values (:j, :digest, :label)
                        on conflict (key_digest) do nothing""")
                .param("j", jurisdictionId)
                .param("digest", digest(key))
                .param("label", label)
                .update();
    }

    /** Refuses with 403 unless the key is registered, not revoked, and valid for the jurisdiction. */
    void require(String jurisdictionId, @Nullable String key) {
        if (key == null) {
            throw new Open311Exception(HttpStatus.FORBIDDEN, "api_key is missing; request one from the city");
        }
        boolean valid = jdbc.sql(
                        """
                        select exists(select 1 from open311_api_key
                                      where key_digest = :digest and jurisdiction_id = :j and revoked_at is null)""")
                .param("digest", digest(key))
                .param("j", jurisdictionId)
                .query(Boolean.class)
                .single();
        if (!valid) {
            throw new Open311Exception(HttpStatus.FORBIDDEN, "api_key is not valid for " + jurisdictionId);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
