package org.civic311.support;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Page;
import java.util.List;

/** axe-core's checks of a page by the WCAG 2.1 A and AA rules, keeping the serious and critical violations. */
public final class Axe {

    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Axe() {}

    /** Each serious or critical violation on the page as it is now, described with where it is. */
    public static List<String> seriousViolations(Page page, String context) {
        return new AxeBuilder(page)
                .withTags(WCAG_21_AA).analyze().getViolations().stream()
                        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                        .map(v -> context + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " at "
                                + v.getNodes().stream()
                                        .map(n -> String.valueOf(n.getTarget()))
                                        .limit(3)
                                        .toList())
                        .toList();
    }
}
