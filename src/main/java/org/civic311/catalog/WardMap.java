package org.civic311.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A jurisdiction's ward outlines held in memory, to place many points at once (an import of years of history) without
 * asking the database for each. Each outline is checked by its bounding box first, then by ray casting.
 */
public final class WardMap {

    /** One ring of a ward's outline, in longitude (x) and latitude (y); a hole cuts its area out of the ward. */
    record Ring(String wardCode, boolean hole, double[] xs, double[] ys) {}

    private final List<Ring> outlines;
    private final List<Ring> holes;
    private final double[][] boxes;

    WardMap(List<Ring> rings) {
        this.outlines = rings.stream().filter(r -> !r.hole()).toList();
        this.holes = rings.stream().filter(Ring::hole).toList();
        this.boxes = new double[outlines.size()][];
        for (int i = 0; i < outlines.size(); i++) {
            Ring ring = outlines.get(i);
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int p = 0; p < ring.xs().length; p++) {
                minX = Math.min(minX, ring.xs()[p]);
                maxX = Math.max(maxX, ring.xs()[p]);
                minY = Math.min(minY, ring.ys()[p]);
                maxY = Math.max(maxY, ring.ys()[p]);
            }
            boxes[i] = new double[] {minX, minY, maxX, maxY};
        }
    }

    /**
     * The smallest box around every ward, as south, west, north and east: where a map of the city opens. Empty for a
     * city without ward outlines.
     */
    public Optional<double[]> bounds() {
        if (boxes.length == 0) {
            return Optional.empty();
        }
        double west = Double.MAX_VALUE, south = Double.MAX_VALUE, east = -Double.MAX_VALUE, north = -Double.MAX_VALUE;
        for (double[] box : boxes) {
            west = Math.min(west, box[0]);
            south = Math.min(south, box[1]);
            east = Math.max(east, box[2]);
            north = Math.max(north, box[3]);
        }
        return Optional.of(new double[] {south, west, north, east});
    }

    /**
     * A ward's outline as GeoJSON draws it: polygons, each a list of rings (its outline, then its holes), each ring a
     * list of [longitude, latitude] positions.
     */
    public List<List<List<double[]>>> polygons(String wardCode) {
        List<List<List<double[]>>> polygons = new ArrayList<>();
        List<Ring> own =
                outlines.stream().filter(r -> r.wardCode().equals(wardCode)).toList();
        for (Ring outline : own) {
            List<List<double[]>> polygon = new ArrayList<>();
            polygon.add(positions(outline));
            // A hole belongs to the outline its first point lies in.
            holes.stream()
                    .filter(hole -> hole.wardCode().equals(wardCode)
                            && hole.xs().length > 0
                            && inside(outline, hole.xs()[0], hole.ys()[0]))
                    .forEach(hole -> polygon.add(positions(hole)));
            polygons.add(polygon);
        }
        return polygons;
    }

    /** A ring closed, as GeoJSON wants its first position repeated last. */
    private static List<double[]> positions(Ring ring) {
        List<double[]> positions = new ArrayList<>();
        for (int i = 0; i < ring.xs().length; i++) {
            positions.add(new double[] {ring.xs()[i], ring.ys()[i]});
        }
        if (!positions.isEmpty()
                && (ring.xs()[0] != ring.xs()[ring.xs().length - 1]
                        || ring.ys()[0] != ring.ys()[ring.ys().length - 1])) {
            positions.add(positions.getFirst());
        }
        return positions;
    }

    /** The code of the ward the point lies in, if any. */
    public Optional<String> wardAt(double latitude, double longitude) {
        for (int i = 0; i < outlines.size(); i++) {
            double[] box = boxes[i];
            if (longitude < box[0] || longitude > box[2] || latitude < box[1] || latitude > box[3]) {
                continue;
            }
            Ring ring = outlines.get(i);
            if (inside(ring, longitude, latitude) && !inHole(ring.wardCode(), longitude, latitude)) {
                return Optional.of(ring.wardCode());
            }
        }
        return Optional.empty();
    }

    private boolean inHole(String wardCode, double x, double y) {
        for (Ring hole : holes) {
            if (hole.wardCode().equals(wardCode) && inside(hole, x, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(Ring ring, double x, double y) {
        double[] xs = ring.xs();
        double[] ys = ring.ys();
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The map of ward boundaries read from a file, before they are stored: to check a city's files against them. */
    public static WardMap of(List<WardBoundary> wards) {
        List<Ring> rings = new ArrayList<>();
        for (WardBoundary ward : wards) {
            ward.outerRings().forEach(outline -> rings.add(ring(ward.code(), false, outline)));
            ward.holes().forEach(hole -> rings.add(ring(ward.code(), true, hole)));
        }
        return new WardMap(rings);
    }

    private static Ring ring(String wardCode, boolean hole, List<WardBoundary.Position> positions) {
        double[] xs =
                positions.stream().mapToDouble(WardBoundary.Position::longitude).toArray();
        double[] ys =
                positions.stream().mapToDouble(WardBoundary.Position::latitude).toArray();
        return new Ring(wardCode, hole, xs, ys);
    }

    /** Reads PostgreSQL's text form of a polygon, "((x1,y1),(x2,y2),...)". */
    static Ring ring(String wardCode, boolean hole, String polygon) {
        String[] numbers = polygon.replaceAll("[()\\s]", "").split(",");
        List<Double> values = new ArrayList<>();
        for (String n : numbers) {
            if (!n.isEmpty()) {
                values.add(Double.parseDouble(n));
            }
        }
        double[] xs = new double[values.size() / 2];
        double[] ys = new double[values.size() / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = values.get(2 * i);
            ys[i] = values.get(2 * i + 1);
        }
        return new Ring(wardCode, hole, xs, ys);
    }
}
