package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTests {

    final List<LocalDate> days =
            LocalDate.of(2026, 11, 16).datesUntil(LocalDate.of(2026, 11, 19)).toList();

    @Test
    void theTallestDayFillsThePlotAndStackedSeriesSitOnEachOther() {
        BarChart chart = BarChart.stacked(
                "Requests",
                days,
                List.of(
                        new BarChart.Series("phone", "#004b87", new int[] {2, 0, 1}),
                        new BarChart.Series("web", "#0b7a75", new int[] {2, 1, 0})));

        assertThat(chart.max()).isEqualTo(4);
        double plot = chart.baseline() - chart.plotTop();
        var first = chart.bars().get(0);
        var second = chart.bars().get(1);
        assertThat(first.y() + first.height()).isEqualTo(chart.baseline());
        assertThat(second.y() + second.height()).isCloseTo(first.y(), org.assertj.core.data.Offset.offset(0.2));
        assertThat(first.height() + second.height()).isCloseTo(plot, org.assertj.core.data.Offset.offset(0.2));
        // No bar is drawn for a zero, and each bar says what it counts.
        assertThat(chart.bars()).hasSize(4);
        assertThat(second.title()).isEqualTo("16 Nov: 2 web");
    }

    @Test
    void anEmptyPeriodDrawsNoBarsAndStillHasAScale() {
        BarChart chart = BarChart.stacked(
                "Nothing", days, List.of(new BarChart.Series("calls", "#004b87", new int[] {0, 0, 0})));
        assertThat(chart.bars()).isEmpty();
        assertThat(chart.max()).isEqualTo(1);
        assertThat(chart.labels()).extracting(BarChart.Label::text).containsExactly("16 Nov", "18 Nov");
    }

    @Test
    void aDayWithNothingToMeasureShowsNoneRatherThanZero() {
        BarChart.Series medians =
                new BarChart.Series("median minutes", "#004b87", new int[] {12, BarChart.Series.NONE, 0});
        BarChart chart = BarChart.measures("Median", days, medians);
        assertThat(chart.max()).isEqualTo(12);
        assertThat(chart.bars()).singleElement().satisfies(bar -> assertThat(bar.title())
                .isEqualTo("16 Nov: 12 median minutes"));
        assertThat(List.of(medians.shown(0), medians.shown(1), medians.shown(2)))
                .containsExactly("12", "none", "0");
    }
}
