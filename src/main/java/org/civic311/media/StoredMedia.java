package org.civic311.media;

/**
 * A media file in the store.
 *
 * @param path where it is served, relative to the site root, e.g. {@code /media/3f2a….jpg}
 */
public record StoredMedia(String name, String contentType, String path) {}
