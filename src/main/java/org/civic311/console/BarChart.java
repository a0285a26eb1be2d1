package org.civic311.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart drawn as SVG on the server: one bar per day, stacked by series. Drawn here rather than by a script
 * so that it shows without JavaScript, under a strict Content-Security-Policy, and reads the same in every browser.
 */
record BarChart(
        String title,
        int width,
        int height,
        int max,
        List<Bar> bars,
        List<Label> labels,
        List<Series> series,
        List<LocalDate> days,
        boolean totals) {

    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    static final int LEFT = 40;
    static final int BOTTOM = 22;
    static final int TOP = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** A named series of values, one per day, in its colour; {@link #NONE} on a day with nothing to measure. */
    record Series(String name, String colour, int[] values) {

        /** No value that day (a median of nothing), which is not zero: no bar, and "none" in the table. */
        static final int NONE = Integer.MIN_VALUE;

        public int total() {
            int total = 0;
            for (int value : values) {
                total += Math.max(0, value);
            }
            return total;
        }

        /** The day's value as the table beside the chart reads it. */
        public String shown(int day) {
            return values[day] == NONE ? "none" : String.valueOf(values[day]);
        }
    }

    record Bar(double x, double y, double width, double height, String colour, String title) {}

    record Label(double x, String text) {}

    /** Counts per day, stacked; the legend gives each series' total over the period. */
    static BarChart stacked(String title, List<LocalDate> days, List<Series> series) {
        return draw(title, days, series, true);
    }

    /** A measure per day (a median, say) that does not add up over the period: no totals in the legend. */
    static BarChart measures(String title, List<LocalDate> days, Series series) {
        return draw(title, days, List.of(series), false);
    }

    private static BarChart draw(String title, List<LocalDate> days, List<Series> series, boolean totals) {
        int max = 1;
        for (int d = 0; d < days.size(); d++) {
            int total = 0;
            for (Series s : series) {
                total += Math.max(0, s.values()[d]);
            }
            max = Math.max(max, total);
        }
        double plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = (double) (WIDTH - LEFT) / Math.max(1, days.size());
        double barWidth = slot * 0.7;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            double x = LEFT + d * slot + (slot - barWidth) / 2;
            double base = HEIGHT - BOTTOM;
            for (Series s : series) {
                int value = s.values()[d];
                if (value <= 0) {
                    continue;
                }
                double h = plotHeight * value / max;
                base -= h;
                bars.add(new Bar(
                        round(x),
                        round(base),
                        round(barWidth),
                        round(h),
                        s.colour(),
                        DAY.format(days.get(d)) + ": " + value + " " + s.name()));
            }
            // Every other day is labelled, so the labels never overlap.
            if ((days.size() - 1 - d) % 2 == 0) {
                labels.add(new Label(round(x + barWidth / 2), DAY.format(days.get(d))));
            }
        }
        return new BarChart(title, WIDTH, HEIGHT, max, bars, labels, series, days, totals);
    }

    /** The day as the accessible table beside the chart shows it. */
    public String day(LocalDate day) {
        return DAY.format(day);
    }

    public int plotTop() {
        return TOP;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int left() {
        return LEFT;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
