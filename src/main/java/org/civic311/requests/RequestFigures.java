package org.civic311.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a supervisor watches of requests over a period: by local day, by channel, and where problems repeat. */
public record RequestFigures(
        List<ByChannel> requests, List<Service> service, List<Timeliness> timeliness, List<Hotspot> hotspots) {

    public RequestFigures {
        requests = List.copyOf(requests);
        service = List.copyOf(service);
        timeliness = List.copyOf(timeliness);
        hotspots = List.copyOf(hotspots);
    }

    /** Requests made on a day through a channel. */
    public record ByChannel(LocalDate day, Channel channel, int requests) {}

    /**
     * How the requests of a day were served.
     *
     * @param breaches requests due that day that were closed late or are still open past their due time
     * @param medianFirstResponseMinutes the median time from a request to the first thing staff did with it, for the
     *     written requests made that day that someone has answered (calls and visits, answered as they are made,
     *     would only pull it to zero); null when none was answered
     */
    public record Service(LocalDate day, int breaches, @Nullable Long medianFirstResponseMinutes) {}

    /**
     * How quickly the requests made through a channel over the period were answered and resolved.
     *
     * @param responded how many someone has answered
     * @param medianFirstResponseMinutes the median time from a request to the first thing staff did with it
     * @param resolved how many are closed
     * @param medianResolutionMinutes the median time from a request to its closing
     */
    public record Timeliness(
            Channel channel,
            int requests,
            int responded,
            @Nullable Long medianFirstResponseMinutes,
            int resolved,
            @Nullable Long medianResolutionMinutes) {}

    /** A place with a repeat problem; {@code latestId} is its latest report, which leads to the earlier ones. */
    public record Hotspot(
            String serviceName,
            String address,
            @Nullable String wardCode,
            int reports,
            Instant latest,
            String latestId) {}
}
