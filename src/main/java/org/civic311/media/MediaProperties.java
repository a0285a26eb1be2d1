package org.civic311.media;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param directory where stored media files live (a shared volume when several instances run)
 * @param maxSize the largest file accepted
 * @param maxPixels the largest image accepted, in pixels, so a small file cannot decode to gigabytes
 */
@ConfigurationProperties("civic311.media")
record MediaProperties(
        @DefaultValue("./data/media") Path directory,
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("40000000") long maxPixels) {}
