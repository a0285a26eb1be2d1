package org.civic311.media;

import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored media: public photos to anyone, cached for a year (only re-encoded copies are ever stored, so no
 * metadata leaks through them); staff photos under {@code /staff/}, which only signed-in staff reach, never cached.
 */
@RestController
class MediaController {

    private final MediaStore store;

    MediaController(MediaStore store) {
        this.store = store;
    }

    @GetMapping("/media/{name}")
    ResponseEntity<Resource> media(@PathVariable String name) {
        return serve(store.open(name));
    }

    @GetMapping("/media/thumbnails/{name}")
    ResponseEntity<Resource> thumbnail(@PathVariable String name) {
        return serve(store.thumbnail(name));
    }

    /** The console's address, and the same photo for integrations signed in with HTTP Basic on the staff API. */
    @GetMapping({"/staff/media/{name}", "/api/v1/media/{name}"})
    ResponseEntity<Resource> staffMedia(@PathVariable String name) {
        return serve(store.open(MediaStore.Audience.STAFF, name), CacheControl.noStore());
    }

    @GetMapping("/staff/media/thumbnails/{name}")
    ResponseEntity<Resource> staffThumbnail(@PathVariable String name) {
        return serve(store.thumbnail(MediaStore.Audience.STAFF, name), CacheControl.noStore());
    }

    /**
     * A published photo, kept by browsers and shared caches an hour and then asked for again: a photo staff hide
     * (a face, a plate) moves away from its published address, which caches then learn is gone, where a year's
     * immutable copy could not be recalled.
     */
    private static ResponseEntity<Resource> serve(java.util.Optional<MediaStore.MediaFile> media) {
        return serve(
                media, CacheControl.maxAge(Duration.ofHours(1)).mustRevalidate().cachePublic());
    }

    private static ResponseEntity<Resource> serve(
            java.util.Optional<MediaStore.MediaFile> media, CacheControl cacheControl) {
        return media.<ResponseEntity<Resource>>map(file -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(file.contentType()))
                        .cacheControl(cacheControl)
                        .body(new FileSystemResource(file.file())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
