package org.civic311.imports;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line progress bar redrawn in place: the share done, rows, rate and the time left. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    void show(HistoryImport.Progress progress) {
        int filled = (int) Math.round(progress.fraction() * WIDTH);
        Duration remaining = progress.remaining();
        out.printf(
                "\r[%s%s] %5.1f%%  %,d rows  %,.0f rows/s  %s left   ",
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                progress.fraction() * 100,
                progress.rows(),
                progress.rate(),
                remaining == null ? "--:--" : duration(remaining));
        out.flush();
    }

    void done() {
        out.println();
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60)
                : "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
