package org.civic311.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civic311.common.PersonalRecords;
import org.civic311.common.ResidentAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A resident's data, exported or erased on request, and everyone's let go of after the retention period. */
@Service
public class ResidentData {

    private static final Logger log = LoggerFactory.getLogger(ResidentData.class);

    private final List<PersonalRecords> holders;
    private final JdbcClient jdbc;
    private final PrivacyProperties properties;
    private final Clock clock;

    ResidentData(List<PersonalRecords> holders, JdbcClient jdbc, PrivacyProperties properties, Clock clock) {
        this.holders = holders;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Everything the jurisdiction keeps that names the resident, by kind of record.
     *
     * @throws org.civic311.common.InvalidInputException when the address is neither an email address nor a number
     */
    @Transactional
    public Map<String, Object> export(String jurisdictionId, @Nullable String address, String actor) {
        ResidentAddress resident = ResidentAddress.of(address);
        Map<String, List<Map<String, Object>>> records = new LinkedHashMap<>();
        int count = 0;
        for (PersonalRecords holder : holders) {
            List<Map<String, Object>> found = holder.export(jurisdictionId, resident);
            records.put(holder.kind(), found);
            count += found.size();
        }
        record(jurisdictionId, "EXPORT", resident, actor, count);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("resident", resident.value());
        export.put("otherAddresses", otherAddresses(jurisdictionId, resident));
        export.put("jurisdiction", jurisdictionId);
        export.put("exportedAt", clock.instant().toString());
        export.put("records", records);
        return export;
    }

    /**
     * Removes the resident's personal data from every record of the jurisdiction, in one transaction: the requests,
     * inquiries and conversations stay, without the person. Messages not yet sent to them are dropped.
     *
     * @return how many records changed, by kind
     */
    @Transactional
    public Map<String, Integer> erase(String jurisdictionId, @Nullable String address, String actor) {
        ResidentAddress resident = ResidentAddress.of(address);
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (PersonalRecords holder : holders) {
            changed.put(holder.kind(), holder.erase(jurisdictionId, resident));
        }
        record(
                jurisdictionId,
                "ERASURE",
                resident,
                actor,
                changed.values().stream().mapToInt(Integer::intValue).sum());
        return changed;
    }

    /**
     * The other addresses the records give with the one asked about (the phone a reporter typed beside their email),
     * for the administrator to ask the resident about: they are not followed, since a household's shared line or a
     * number mistyped would reach other people's records.
     */
    private List<String> otherAddresses(String jurisdictionId, ResidentAddress resident) {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        for (PersonalRecords holder : holders) {
            for (String other : holder.otherAddresses(jurisdictionId, resident)) {
                try {
                    ResidentAddress address = ResidentAddress.of(other);
                    if (!address.value().equals(resident.value())) {
                        addresses.add(address.value());
                    }
                } catch (org.civic311.common.InvalidInputException notAnAddress) {
                    // a number kept as it was typed, which reaches no one
                }
            }
        }
        return List.copyOf(addresses);
    }

    /** How long personal data is kept once a record is finished: what the portal tells residents. */
    public java.time.Duration retention() {
        return properties.retention();
    }

    /** Lets go of the personal data of every record finished longer ago than the retention period. */
    @Transactional
    public Map<String, Integer> applyRetention() {
        Instant cutoff = clock.instant().minus(properties.retention());
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (PersonalRecords holder : holders) {
            changed.put(holder.kind(), holder.anonymiseFinishedBefore(cutoff));
        }
        int total = changed.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            record(null, "RETENTION", null, "retention", total);
            log.info("Retention: personal data of records finished before {} let go of: {}", cutoff, changed);
        }
        return changed;
    }

    /** Nightly; any instance may run it, as it only changes what is still there to change. */
    @Scheduled(cron = "${civic311.privacy.retention-cron:0 17 3 * * *}")
    @Transactional
    void nightly() {
        applyRetention();
    }

    private void record(
            @Nullable String jurisdictionId, String kind, @Nullable ResidentAddress resident, String actor, int count) {
        jdbc.sql(
                        """
                        insert into privacy_request (jurisdiction_id, kind, resident_digest, actor, at, records)
                        values (:j, :kind, :digest, :actor, :at, :records)""")
                .param("j", jurisdictionId)
                .param("kind", kind)
                .param("digest", resident == null ? null : mark(resident.value()))
                .param("actor", actor)
                .param("at", Timestamp.from(clock.instant()))
                .param("records", count)
                .update();
    }

    /**
     * Whom a data request was about, as the log keeps it: an HMAC of the address under a key the database does not
     * hold. A plain digest of a ten-digit phone number is reversed by trying them all in seconds.
     */
    private byte @Nullable [] mark(String address) {
        if (properties.logKey() == null) {
            return null;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(properties.logKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hmac.doFinal(address.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
