package org.civic311.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a supervisor watches of requests over a period, by local day. */
public record RequestFigures(List<ByChannel> requests, List<Service> service, List<Hotspot> hotspots) {

    public RequestFigures {
        requests = List.copyOf(requests);
        service = List.copyOf(service);
        hotspots = List.copyOf(hotspots);
    }

    /** Requests made on a day through a channel. */
    public record ByChannel(LocalDate day, Channel channel, int requests) {}

    /**
     * How the requests of a day were served.
     *
     * @param breaches requests due that day that were closed late or are still open past their due time
     * @param medianFirstResponseMinutes the median time from a request to the first thing staff did with it, for the
     *     requests made that day that staff have touched
     */
    public record Service(LocalDate day, int breaches, @Nullable Long medianFirstResponseMinutes) {}

    /** A place where one problem keeps being reported: a repeat problem. */
    public record Hotspot(String serviceName, String address, @Nullable String wardCode, int reports, Instant latest) {}
}
