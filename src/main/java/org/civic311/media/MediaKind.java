package org.civic311.media;

import java.util.Arrays;
import java.util.Optional;

/** The image formats accepted, recognised by their first bytes, never by a file name or a declared type. */
enum MediaKind {
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    private final String contentType;
    private final String extension;
    private final byte[] signature;

    MediaKind(String contentType, String extension, byte[] signature) {
        this.contentType = contentType;
        this.extension = extension;
        this.signature = signature;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** The ImageIO writer name for re-encoding. */
    String format() {
        return extension.equals("jpg") ? "jpeg" : extension;
    }

    static Optional<MediaKind> sniff(byte[] bytes) {
        return Arrays.stream(values())
                .filter(kind -> bytes.length >= kind.signature.length
                        && Arrays.equals(bytes, 0, kind.signature.length, kind.signature, 0, kind.signature.length))
                .findFirst();
    }

    static Optional<MediaKind> byExtension(String extension) {
        return Arrays.stream(values())
                .filter(k -> k.extension.equals(extension))
                .findFirst();
    }
}
