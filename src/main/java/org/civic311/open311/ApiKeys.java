package org.civic311.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open311 API keys, which clients need to create requests. Administrators issue, rotate and revoke them; only a
 * SHA-256 digest of each key is stored: keys are long random strings, so a slow password hash adds nothing but
 * latency to every POST.
 */
@Service
public class ApiKeys {

    static final String SECRET_START = "c311_";
    static final int PREFIX_LENGTH = SECRET_START.length() + 6;
    static final int MAX_LABEL = 100;
    static final int MAX_CALLS_PER_MINUTE = 100_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            """
            id, jurisdiction_id, label, key_prefix, calls_per_minute, created_at, created_by, revoked_at,
            revoked_by, replaced_by""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration rotationGrace;

    ApiKeys(JdbcClient jdbc, Clock clock, Open311Properties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rotationGrace = properties.rotationGrace();
    }

    /** Registers a key chosen elsewhere (the demo city's documented key); registering it again changes nothing. */
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

    /**
     * Issues a new random key for a client of the jurisdiction.
     *
     * @param callsPerMinute the key's own limit, or null for the endpoint's default
     * @throws InvalidInputException naming the field that breaks a rule
     */
    public ApiKey.Issued issue(
            String jurisdictionId, @Nullable String label, @Nullable Integer callsPerMinute, String by) {
        String clean = PlainText.singleLine(label);
        if (clean == null || clean.isBlank()) {
            throw new InvalidInputException("label", "is required: say who the key is for");
        }
        if (clean.length() > MAX_LABEL) {
            throw new InvalidInputException("label", "is longer than " + MAX_LABEL + " characters");
        }
        if (callsPerMinute != null && (callsPerMinute < 1 || callsPerMinute > MAX_CALLS_PER_MINUTE)) {
            throw new InvalidInputException(
                    "callsPerMinute", "must be between 1 and " + MAX_CALLS_PER_MINUTE + ", or empty for the default");
        }
        String secret = newSecret();
        long id = jdbc.sql(
                        """
                        insert into open311_api_key
                            (jurisdiction_id, key_digest, label, key_prefix, calls_per_minute, created_at, created_by)
                        values (:j, :digest, :label, :prefix, :limit, :now, :by) returning id""")
                .param("j", jurisdictionId)
                .param("digest", digest(secret))
                .param("label", clean)
                .param("prefix", secret.substring(0, PREFIX_LENGTH))
                .param("limit", callsPerMinute)
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by)
                .query(Long.class)
                .single();
        return new ApiKey.Issued(key(jurisdictionId, id), secret);
    }

    /**
     * Replaces a key with a new one for the same client. The old key keeps working for the grace period, so the
     * client can switch without an outage, and then stops.
     */
    @Transactional
    public ApiKey.Issued rotate(String jurisdictionId, long id, String by) {
        // Locked until the rotation commits: a revocation or a second rotation meanwhile waits, then sees it.
        jdbc.sql("select id from open311_api_key where id = :id and jurisdiction_id = :j for update")
                .param("id", id)
                .param("j", jurisdictionId)
                .query(Long.class)
                .optional();
        ApiKey old = key(jurisdictionId, id);
        Instant now = clock.instant();
        if (!old.worksAt(now)) {
            throw new InvalidInputException("key", "is revoked; issue a new key instead");
        }
        if (old.replacedBy() != null) {
            throw new InvalidInputException("key", "was already rotated; rotate its replacement instead");
        }
        ApiKey.Issued replacement = issue(jurisdictionId, old.label(), old.callsPerMinute(), by);
        jdbc.sql(
                        """
                        update open311_api_key set revoked_at = :until, revoked_by = :by, replaced_by = :replacement
                        where id = :id""")
                .param("until", Timestamp.from(now.plus(rotationGrace)))
                .param("by", by)
                .param("replacement", replacement.key().id())
                .param("id", id)
                .update();
        return replacement;
    }

    /**
     * The client a key belongs to: the first key of its chain of rotations, the same for every key that replaced it.
     * What a client asked of one key (a submission's Idempotency-Key) is still its own after a rotation.
     */
    public long clientId(ApiKey key) {
        return jdbc.sql(
                        """
                        with recursive chain (id) as (
                            select :id::bigint
                            union all
                            select k.id from open311_api_key k join chain c on k.replaced_by = c.id)
                        select min(id) from chain""")
                .param("id", key.id())
                .query(Long.class)
                .single();
    }

    /** Stops a key at once (a grace period given by a rotation ends now too). */
    public ApiKey revoke(String jurisdictionId, long id, String by) {
        key(jurisdictionId, id);
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        update open311_api_key set revoked_at = :now, revoked_by = :by
                        where id = :id and (revoked_at is null or revoked_at > :now)""")
                .param("now", Timestamp.from(now))
                .param("by", by)
                .param("id", id)
                .update();
        return key(jurisdictionId, id);
    }

    /** The jurisdiction's keys, working ones first, newest first. */
    public List<ApiKey> keys(String jurisdictionId) {
        return jdbc.sql(
                        "select " + COLUMNS
                                + """
                         from open311_api_key where jurisdiction_id = :j
                        order by (revoked_at is null or revoked_at > :now) desc, created_at desc, id desc""")
                .param("j", jurisdictionId)
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiKeys::apiKey)
                .list();
    }

    public ApiKey key(String jurisdictionId, long id) {
        return jdbc.sql("select " + COLUMNS + " from open311_api_key where id = :id and jurisdiction_id = :j")
                .param("id", id)
                .param("j", jurisdictionId)
                .query(ApiKeys::apiKey)
                .optional()
                .orElseThrow(() -> new NotFoundException("API key " + id + " was not found"));
    }

    /**
     * The key that makes this call, refused with 403 unless it is registered, works now and is valid for the
     * jurisdiction.
     */
    ApiKey require(String jurisdictionId, @Nullable String key) {
        if (key == null) {
            throw new Open311Exception(HttpStatus.FORBIDDEN, "api_key is missing; request one from the city");
        }
        return jdbc.sql(
                        "select " + COLUMNS
                                + """
                         from open311_api_key
                        where key_digest = :digest and jurisdiction_id = :j and (revoked_at is null or revoked_at > :now)""")
                .param("digest", digest(key))
                .param("j", jurisdictionId)
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiKeys::apiKey)
                .optional()
                .orElseThrow(
                        () -> new Open311Exception(HttpStatus.FORBIDDEN, "api_key is not valid for " + jurisdictionId));
    }

    private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(
                rs.getLong("id"),
                rs.getString("jurisdiction_id"),
                rs.getString("label"),
                rs.getString("key_prefix"),
                rs.getObject("calls_per_minute", Integer.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant(),
                rs.getString("revoked_by"),
                rs.getObject("replaced_by", Long.class));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
