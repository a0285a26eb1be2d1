package org.civic311.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Whether the disks under the photos and the embedded database have room left. A full disk leaves reads working and
 * every write failing (a report, a photo, a note), which no other check sees: {@code SELECT 1} still answers. It is
 * part of the overall health that monitoring reads, not of readiness: taking the only instance out of service would
 * stop the reads too.
 */
@Component("storage")
class StorageHealth implements HealthIndicator {

    private final Map<String, Path> places;
    private final DataSize minimumFree;

    @org.springframework.beans.factory.annotation.Autowired
    StorageHealth(
            @Value("${civic311.media.directory:./data/media}") Path media,
            ObjectProvider<io.zonky.test.db.postgres.embedded.EmbeddedPostgres> embedded,
            ObjectProvider<EmbeddedDatabaseProperties> database,
            @Value("${civic311.health.minimum-free-disk:1GB}") DataSize minimumFree) {
        this(
                media,
                embedded.getIfAvailable() == null || database.getIfAvailable() == null
                        ? null
                        : database.getObject().dataDirectory(),
                minimumFree);
    }

    StorageHealth(Path media, @Nullable Path database, DataSize minimumFree) {
        Map<String, Path> places = new LinkedHashMap<>();
        places.put("media", media.toAbsolutePath().normalize());
        if (database != null) {
            places.put("database", database.toAbsolutePath().normalize());
        }
        this.places = places;
        this.minimumFree = minimumFree;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        java.util.List<String> tooFull = new java.util.ArrayList<>();
        for (var place : places.entrySet()) {
            long free;
            try {
                free = Files.getFileStore(existing(place.getValue())).getUsableSpace();
            } catch (IOException e) {
                return Health.down()
                        .withDetail(place.getKey(), place.getValue() + " cannot be read: " + e.getMessage())
                        .build();
            }
            health.withDetail(place.getKey() + "Free", DataSize.ofBytes(free).toMegabytes() + " MB");
            if (free < minimumFree.toBytes()) {
                tooFull.add(place.getValue().toString());
            }
        }
        if (!tooFull.isEmpty()) {
            health.down()
                    .withDetail(
                            "reason",
                            "less than " + minimumFree.toMegabytes() + " MB free under " + String.join(" and ", tooFull)
                                    + ": reports, photos and notes will soon fail to save");
        }
        return health.build();
    }

    /** The directory, or the nearest one above it that exists (the media directory is made on the first photo). */
    private static Path existing(Path path) {
        Path at = path;
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at == null ? path.getRoot() : at;
    }
}
