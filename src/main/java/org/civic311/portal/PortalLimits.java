package org.civic311.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.civic311.common.RateLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What one client may ask of the portal, which anyone may use without signing in: reports a minute (each is a public
 * request, and an email to whatever address was typed), look-ups a minute (triage's models, the geocoder, a photo's
 * location), and open-data downloads, each of which holds a database connection while it streams, so only a few run
 * at once on an instance whatever the number of clients.
 */
@Component
class PortalLimits {

    private final RateLimit reports;
    private final RateLimit lookups;
    private final RateLimit downloads;
    private final Semaphore streaming;

    PortalLimits(
            @Value("${civic311.portal.reports-per-minute:6}") int reportsPerMinute,
            @Value("${civic311.portal.lookups-per-minute:120}") int lookupsPerMinute,
            @Value("${civic311.portal.downloads-per-hour:30}") int downloadsPerHour,
            @Value("${civic311.portal.downloads-at-once:3}") int downloadsAtOnce) {
        this.reports = RateLimit.perMinute(reportsPerMinute);
        this.lookups = RateLimit.perMinute(lookupsPerMinute);
        this.downloads = RateLimit.perHour(downloadsPerHour);
        this.streaming = new Semaphore(downloadsAtOnce);
    }

    /** A client past its allowance, told how long to wait. */
    static final class TooManyRequests extends RuntimeException {

        private final Duration wait;

        TooManyRequests(Duration wait) {
            this("too many requests from this address; try again in " + wait.toSeconds() + " s", wait);
        }

        TooManyRequests(String said, Duration wait) {
            super(said);
            this.wait = wait;
        }

        Duration waitFor() {
            return wait;
        }
    }

    void report(HttpServletRequest request) {
        take(reports, request);
    }

    void lookup(HttpServletRequest request) {
        take(lookups, request);
    }

    /**
     * A place to stream a download; released when the download ends, however it ends.
     *
     * @throws TooManyRequests when the client downloaded too often, or the instance streams as many as it may
     */
    Runnable download(HttpServletRequest request) {
        // The server's own limit first: a client refused for it has used none of their allowance.
        if (!streaming.tryAcquire()) {
            // Nothing this client did: say so, rather than blame their address.
            throw new TooManyRequests(
                    "the server is busy with other downloads; try again in a minute", Duration.ofMinutes(1));
        }
        try {
            take(downloads, request);
        } catch (TooManyRequests refused) {
            streaming.release();
            throw refused;
        }
        return streaming::release;
    }

    private static void take(RateLimit limit, HttpServletRequest request) {
        limit.take(RateLimit.clientOf(request.getRemoteAddr())).ifPresent(wait -> {
            throw new TooManyRequests(wait);
        });
    }
}
