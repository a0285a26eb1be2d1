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

/** Serves stored media publicly: only re-encoded copies are ever stored, so nothing private leaks through them. */
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

    private static ResponseEntity<Resource> serve(java.util.Optional<MediaStore.MediaFile> media) {
        return media.<ResponseEntity<Resource>>map(file -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(file.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(365))
                                .cachePublic()
                                .immutable())
                        .body(new FileSystemResource(file.file())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
