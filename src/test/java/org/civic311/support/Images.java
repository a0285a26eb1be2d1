package org.civic311.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small real images for upload tests, one of them carrying an EXIF block with a GPS-like marker. */
public final class Images {

    public static final String EXIF_MARKER = "GPS-43.6532N-79.3832W";

    private Images() {}

    public static byte[] png(int width, int height) {
        return encode(image(width, height), "png");
    }

    /** A JPEG with an APP1 Exif segment right after the start-of-image marker, as phone cameras write. */
    public static byte[] jpegWithExif() {
        return withApp1(
                encode(image(64, 48), "jpeg"), ("Exif\0\0" + EXIF_MARKER).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A JPEG whose EXIF block says where it was taken, as a phone camera writes it: a TIFF structure with a GPS IFD
     * holding latitude and longitude as degrees, minutes and seconds.
     */
    public static byte[] jpegTakenAt(double latitude, double longitude) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0: one entry, the pointer to the GPS IFD at offset 26.
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26);
        tiff.putInt(0);
        // The GPS IFD: references and values; the rationals follow at 80 and 104.
        tiff.putShort((short) 4);
        tiff.putShort((short) 1)
                .putShort((short) 2)
                .putInt(2)
                .put((byte) (latitude < 0 ? 'S' : 'N'))
                .put(new byte[3]);
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3)
                .putShort((short) 2)
                .putInt(2)
                .put((byte) (longitude < 0 ? 'W' : 'E'))
                .put(new byte[3]);
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        for (double angle : new double[] {Math.abs(latitude), Math.abs(longitude)}) {
            int degrees = (int) angle;
            int minutes = (int) ((angle - degrees) * 60);
            double seconds = ((angle - degrees) * 60 - minutes) * 60;
            tiff.putInt(degrees).putInt(1).putInt(minutes).putInt(1);
            tiff.putInt((int) Math.round(seconds * 10000)).putInt(10000);
        }
        byte[] head = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = new byte[head.length + tiff.capacity()];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(tiff.array(), 0, payload, head.length, tiff.capacity());
        return withApp1(encode(image(640, 480), "jpeg"), payload);
    }

    /**
     * A JPEG of the given size, red in its top left corner and white elsewhere, whose EXIF block says how to turn it
     * (orientation 1 to 8), as a phone writes a portrait photo taken on a landscape sensor.
     */
    public static byte[] jpegTurned(int width, int height, int orientation) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 4, height / 4);
        g.dispose();
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // IFD0: one entry, the orientation, a SHORT held in the entry itself
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0);
        byte[] head = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = new byte[head.length + tiff.capacity()];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(tiff.array(), 0, payload, head.length, tiff.capacity());
        return withApp1(encode(image, "jpeg"), payload);
    }

    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(30, 120, 60));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
