package org.civic311.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.civic311.common.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The media module's API: accepts uploaded images and gives them back by name. A photo is either public (served at
 * {@code /media/NAME} to anyone, for a request's public photos and the photos of replies) or for staff alone (served
 * at {@code /staff/media/NAME} to signed-in staff: residents' photos in the inbox, and photos staff hid from the
 * public). The two are kept in separate directories, so a public address can never reach a staff photo.
 */
@Service
public class MediaStore {

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}\\.(jpg|png)");

    /** Who may see a stored photo, and where each kind lives. */
    public enum Audience {
        PUBLIC("/media/"),
        STAFF("/staff/media/");

        private final String prefix;

        Audience(String prefix) {
            this.prefix = prefix;
        }

        /** The address a photo of this audience is served at. */
        String address(String name) {
            return prefix + name;
        }

        /** The audience of a stored photo's address, if it is one. */
        static Optional<Audience> of(String path) {
            // STAFF first: its prefix ends with PUBLIC's.
            return path.startsWith(STAFF.prefix)
                    ? Optional.of(STAFF)
                    : path.startsWith(PUBLIC.prefix) ? Optional.of(PUBLIC) : Optional.empty();
        }
    }

    private final MediaProperties properties;

    MediaStore(MediaProperties properties) throws IOException {
        this.properties = properties;
        // The staff directory is made with its first photo: a restore needs the directory empty until then.
        Files.createDirectories(directory(Audience.PUBLIC));
    }

    /**
     * Checks an upload by its content and size, re-encodes it (dropping EXIF and any other metadata) and stores it.
     *
     * @param field the form field it came in, named in any refusal
     */
    public StoredMedia store(String field, byte[] bytes) {
        return store(field, bytes, Audience.PUBLIC);
    }

    /** The largest file the store takes, so that a form can say so before anything is sent. */
    public long maxBytes() {
        return properties.maxSize().toBytes();
    }

    /** The most pixels an image may have, so that a browser can make a larger photo smaller before sending it. */
    public long maxPixels() {
        return properties.maxPixels();
    }

    /** Stores an upload as {@link #store} does, for staff alone: it is served only to signed-in staff. */
    public StoredMedia storeForStaff(String field, byte[] bytes) {
        return store(field, bytes, Audience.STAFF);
    }

    private StoredMedia store(String field, byte[] bytes, Audience audience) {
        if (bytes.length == 0) {
            throw new InvalidInputException(field, "is an empty file");
        }
        if (bytes.length > properties.maxSize().toBytes()) {
            throw new InvalidInputException(
                    field, "is larger than the " + properties.maxSize().toMegabytes() + " MB allowed");
        }
        MediaKind kind = MediaKind.sniff(bytes)
                .orElseThrow(() -> new InvalidInputException(field, "must be a JPEG or PNG image"));
        byte[] clean;
        byte[] thumbnail;
        // At most a few at once, from the decoding to the last copy made of it: each may take a few hundred megabytes
        // (a 40-megapixel photo decoded, then turned upright), and uploads come on as many threads as arrive.
        decoding.acquireUninterruptibly();
        try {
            BufferedImage image = upright(decode(field, bytes), orientationOf(bytes, kind));
            clean = encode(image, kind);
            thumbnail = encode(scaled(image), kind);
        } finally {
            decoding.release();
        }
        String name = UUID.randomUUID().toString().replace("-", "") + "." + kind.extension();
        write(directory(audience).resolve(name), clean);
        write(thumbnailPath(audience, name), thumbnail);
        return new StoredMedia(name, kind.contentType(), audience.address(name));
    }

    /**
     * Where a photo was taken, from its EXIF GPS block, if it has one. Read before {@link #store} strips it, so that
     * staff can place a report from its photo while the public copy never carries it.
     */
    public Optional<PhotoLocation> locationOf(byte[] bytes) {
        try {
            if (MediaKind.sniff(bytes).orElse(null) != MediaKind.JPEG) {
                return Optional.empty(); // cameras write their position into JPEG's EXIF block
            }
            // The EXIF block alone: no XMP, whose XML from a stranger's file is not parsed here.
            var metadata = com.drew.imaging.jpeg.JpegMetadataReader.readMetadata(
                    new java.io.ByteArrayInputStream(bytes), List.of(new com.drew.metadata.exif.ExifReader()));
            var gps = metadata.getFirstDirectoryOfType(com.drew.metadata.exif.GpsDirectory.class);
            var location = gps == null ? null : gps.getGeoLocation();
            if (location == null || location.isZero()) {
                return Optional.empty();
            }
            return Optional.of(new PhotoLocation(location.getLatitude(), location.getLongitude()));
        } catch (com.drew.imaging.ImageProcessingException | java.io.IOException | RuntimeException e) {
            // A photo whose metadata cannot be read simply has no location.
            return Optional.empty();
        }
    }

    /**
     * How a camera says its photo is to be turned (EXIF orientation, 1 to 8; 1 when it says nothing). Phones store a
     * portrait photo as a landscape one and this tag: with the metadata stripped, the photo would show on its side.
     */
    private static int orientationOf(byte[] bytes, MediaKind kind) {
        if (kind != MediaKind.JPEG) {
            return 1;
        }
        try {
            var metadata = com.drew.imaging.jpeg.JpegMetadataReader.readMetadata(
                    new java.io.ByteArrayInputStream(bytes), List.of(new com.drew.metadata.exif.ExifReader()));
            var ifd0 = metadata.getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class);
            Integer orientation =
                    ifd0 == null ? null : ifd0.getInteger(com.drew.metadata.exif.ExifIFD0Directory.TAG_ORIENTATION);
            return orientation == null || orientation < 1 || orientation > 8 ? 1 : orientation;
        } catch (com.drew.imaging.ImageProcessingException | IOException | RuntimeException e) {
            return 1; // unreadable metadata: the photo as it is stored
        }
    }

    /** The photo turned as its EXIF orientation says, so that it shows upright once the tag is gone. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean quarterTurn = orientation >= 5;
        // Where each pixel (x, y) goes: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12.
        java.awt.geom.AffineTransform turn =
                switch (orientation) {
                    case 2 -> new java.awt.geom.AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
                    case 3 -> new java.awt.geom.AffineTransform(-1, 0, 0, -1, w, h); // upside down
                    case 4 -> new java.awt.geom.AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
                    case 5 -> new java.awt.geom.AffineTransform(0, 1, 1, 0, 0, 0); // mirrored, on its side
                    case 6 -> new java.awt.geom.AffineTransform(0, 1, -1, 0, h, 0); // a quarter turn clockwise
                    case 7 -> new java.awt.geom.AffineTransform(0, -1, -1, 0, h, w); // mirrored, on its other side
                    default -> new java.awt.geom.AffineTransform(0, -1, 1, 0, 0, w); // a quarter turn back
                };
        BufferedImage turned = new BufferedImage(
                quarterTurn ? h : w,
                quarterTurn ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = turned.createGraphics();
        try {
            graphics.drawImage(image, turn, null);
        } finally {
            graphics.dispose();
        }
        return turned;
    }

    /** Where a photo was taken, in WGS84. */
    public record PhotoLocation(double latitude, double longitude) {}

    /** A public photo by its name, or empty when the name is not one this store gave out to the public. */
    public Optional<MediaFile> open(String name) {
        return open(Audience.PUBLIC, name);
    }

    /** A stored photo of either audience by its address ({@code /media/NAME} or {@code /staff/media/NAME}). */
    public Optional<MediaFile> find(String path) {
        return Audience.of(path).flatMap(audience -> open(audience, name(path)));
    }

    /** A public photo stored already, by its address, as {@link #store} gave it: for a form sent again with it. */
    public Optional<StoredMedia> stored(String path) {
        return Audience.of(path)
                .filter(audience -> audience == Audience.PUBLIC)
                .flatMap(audience -> open(audience, name(path)))
                .map(file -> new StoredMedia(name(path), file.contentType(), path));
    }

    Optional<MediaFile> open(Audience audience, String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory(audience).resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return MediaKind.byExtension(extension).map(kind -> new MediaFile(file, kind.contentType()));
    }

    /**
     * Deletes the files once the transaction that let go of them commits, at once without one: a rollback then leaves
     * no row pointing at a missing file. Addresses outside the store (a link an app sent) are passed over.
     */
    public void deleteOnceCommitted(java.util.Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<String> gone = List.copyOf(paths);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    gone.forEach(MediaStore.this::delete);
                }
            });
        } else {
            gone.forEach(this::delete);
        }
    }

    /**
     * Deletes a stored photo and its thumbnail, given its address, as when the resident who sent it asks to be
     * forgotten. Anything the store could not have given out is left alone.
     *
     * @return whether a photo was deleted
     */
    public boolean delete(String path) {
        Optional<Audience> audience = Audience.of(path);
        String name = name(path);
        if (audience.isEmpty() || !NAME.matcher(name).matches()) {
            return false;
        }
        try {
            Files.deleteIfExists(thumbnailPath(audience.get(), name));
            return Files.deleteIfExists(directory(audience.get()).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + name, e);
        }
    }

    /**
     * Copies a stored photo, with its thumbnail, under a new name for the given audience: a photo taken out of public
     * view leaves behind the address that was published (and may be cached or archived), and one shown again needs
     * an address the public can reach.
     *
     * @return the copy, or nothing when the store holds no such photo
     */
    public Optional<StoredMedia> copyFor(Audience audience, String path) {
        Optional<Audience> from = Audience.of(path);
        String name = name(path);
        Optional<MediaFile> original = from.flatMap(area -> open(area, name));
        if (original.isEmpty()) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String copy = UUID.randomUUID().toString().replace("-", "") + "." + extension;
        try {
            Files.createDirectories(directory(audience));
            Files.copy(original.get().file(), directory(audience).resolve(copy));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + name, e);
        }
        if (Files.isRegularFile(thumbnailPath(from.get(), name))) {
            try {
                Files.createDirectories(thumbnailPath(audience, copy).getParent());
                Files.copy(thumbnailPath(from.get(), name), thumbnailPath(audience, copy));
            } catch (IOException e) {
                // Not worth failing for: the thumbnail is made again when first asked for.
                log.warn("Could not copy the thumbnail of {}: {}", name, e.toString());
            }
        }
        return Optional.of(new StoredMedia(copy, original.get().contentType(), audience.address(copy)));
    }

    /** Whether a stored photo's address is one that only staff are served. */
    public static boolean isForStaff(String path) {
        return Audience.of(path).orElse(null) == Audience.STAFF;
    }

    /**
     * A stored image's thumbnail, at most {@value #THUMBNAIL_SIZE} pixels on its longer side, for lists and public
     * pages. Made when the image is stored; one stored before thumbnails existed gets it on first asking.
     */
    public Optional<MediaFile> thumbnail(String name) {
        return thumbnail(Audience.PUBLIC, name);
    }

    Optional<MediaFile> thumbnail(Audience audience, String name) {
        Optional<MediaFile> original = open(audience, name);
        if (original.isEmpty()) {
            return Optional.empty();
        }
        Path thumbnail = thumbnailPath(audience, name);
        if (!Files.isRegularFile(thumbnail)) {
            // One at a time: a burst of requests for old photos must not decode many large images at once.
            synchronized (thumbnailing) {
                if (!Files.isRegularFile(thumbnail)) {
                    makeThumbnail(name, original.get(), thumbnail);
                }
            }
        }
        return Optional.of(new MediaFile(thumbnail, original.get().contentType()));
    }

    private final Object thumbnailing = new Object();

    private void makeThumbnail(String name, MediaFile original, Path thumbnail) {
        try {
            BufferedImage image = ImageIO.read(original.file().toFile());
            MediaKind kind = MediaKind.byExtension(name.substring(name.lastIndexOf('.') + 1))
                    .orElseThrow();
            // An image that cannot be read has no thumbnail; its original stands in, so it is not tried again.
            write(thumbnail, image == null ? Files.readAllBytes(original.file()) : encode(scaled(image), kind));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the thumbnail of " + name, e);
        }
    }

    /** The address of a stored image's thumbnail, from the image's own address. */
    public static String thumbnailUrl(String mediaPath) {
        return Audience.of(mediaPath)
                .map(audience -> audience.address("thumbnails/" + name(mediaPath)))
                .orElse(mediaPath);
    }

    static final int THUMBNAIL_SIZE = 320;

    private Path thumbnailPath(Audience audience, String name) {
        return directory(audience).resolve("thumbnails").resolve(name);
    }

    private Path directory(Audience audience) {
        return audience == Audience.STAFF ? properties.directory().resolve("staff") : properties.directory();
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static BufferedImage scaled(BufferedImage image) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= THUMBNAIL_SIZE) {
            return image;
        }
        double factor = (double) THUMBNAIL_SIZE / longer;
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage small = new BufferedImage(width, height, type);
        var graphics = small.createGraphics();
        graphics.setRenderingHint(
                java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return small;
    }

    /** A file ready to be served. */
    public record MediaFile(Path file, String contentType) {}

    private final java.util.concurrent.Semaphore decoding =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    /** What a pixel of the image takes once decoded, as its header tells; four bytes when it does not say. */
    private static long bytesPerPixel(ImageReader reader) throws IOException {
        javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null) {
            return 4;
        }
        java.awt.image.SampleModel samples = raw.getSampleModel();
        long bits = 0;
        for (int band = 0; band < samples.getNumBands(); band++) {
            bits += samples.getSampleSize(band);
        }
        return Math.max(1, (bits + 7) / 8);
    }

    private BufferedImage decode(String field, byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidInputException(field, "is not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > properties.maxPixels()) {
                    throw new InvalidInputException(field, "has too many pixels (" + pixels + ")");
                }
                // A small file of 16-bit samples decodes to twice the memory of its pixels in 8-bit ones.
                if (pixels * bytesPerPixel(reader) > properties.maxPixels() * 4) {
                    throw new InvalidInputException(
                            field, "is too large once decoded (" + pixels + " pixels of deep colour)");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(field, "is not a readable image");
        }
    }

    private static byte[] encode(BufferedImage image, MediaKind kind) {
        BufferedImage target = image;
        if (kind == MediaKind.JPEG && image.getColorModel().hasAlpha()) {
            target = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            target.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(target, kind.format(), out)) {
                throw new IllegalStateException("no ImageIO writer for " + kind);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path target, byte[] bytes) {
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "upload", ".part");
            // On disk before the request that names it is committed, as PostgreSQL's own writes are (fsync on): a
            // power cut must not leave a tracking number whose photo is an empty file.
            try (java.nio.channels.FileChannel file =
                    java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                file.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            // A disk that filled up mid-write keeps no half a photo that nothing names.
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Left for the operator: the disk is failing already, and the refusal below says so.
                }
            }
            throw new UncheckedIOException("could not store media " + target.getFileName(), e);
        }
    }

    /** Makes a file's new name durable; where a directory cannot be opened to sync (some systems), the move stands. */
    private static void syncDirectory(Path directory) {
        try (java.nio.channels.FileChannel dir =
                java.nio.channels.FileChannel.open(directory, java.nio.file.StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows opens no directory as a channel; NTFS journals the rename itself.
        }
    }
}
