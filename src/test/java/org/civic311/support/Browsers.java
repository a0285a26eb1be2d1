package org.civic311.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium for browser tests: Debian's {@code /usr/bin/chromium} when present (CI installs it), otherwise
 * the browser Playwright manages itself.
 */
public final class Browsers {

    public static final Path SYSTEM_CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Browsers() {}

    public static Playwright playwright() {
        Map<String, String> env =
                Files.isExecutable(SYSTEM_CHROMIUM) ? Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1") : Map.of();
        return Playwright.create(new Playwright.CreateOptions().setEnv(env));
    }

    public static Browser chromium(Playwright playwright) {
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions()
                .setHeadless(true)
                .setArgs(List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync"));
        if (Files.isExecutable(SYSTEM_CHROMIUM)) {
            options.setExecutablePath(SYSTEM_CHROMIUM);
        }
        return playwright.chromium().launch(options);
    }
}
