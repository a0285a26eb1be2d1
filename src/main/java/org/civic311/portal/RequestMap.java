package org.civic311.portal;

import java.util.List;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.ServiceType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public map of requests: filters by type, status, ward, dates and nearness to an address, and the requests drawn
 * in clusters from the Open311 API itself, as any other client would read them. A list beside the map says the same in
 * text.
 */
@Controller
class RequestMap {

    /** How near to an address "near" is: a few blocks, what a resident asking about their street means. */
    static final int NEAR_METRES = 500;

    private final Catalog catalog;
    private final MapTiles tiles;
    private final java.time.Clock clock;
    private final org.civic311.triage.Triage triage;
    private final PortalLimits limits;

    RequestMap(
            Catalog catalog,
            MapTiles tiles,
            java.time.Clock clock,
            org.civic311.triage.Triage triage,
            PortalLimits limits) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.clock = clock;
        this.triage = triage;
        this.limits = limits;
    }

    /**
     * The map as filtered in its address (a reload, the back button, a shared link, the other language): each filter
     * kept only when it is one the form offers, so that the page never writes back what it was not given to show.
     */
    @GetMapping("/map")
    String map(
            @org.springframework.web.bind.annotation.RequestParam(name = "service_code", required = false)
                    @org.jspecify.annotations.Nullable
                    String serviceCode,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String status,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String ward,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String from,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String to,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String near,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        List<ServiceType> types = catalog.activeServiceTypes(jurisdiction.id());
        java.util.Map<String, String> chosen = new java.util.HashMap<>();
        if (types.stream().anyMatch(t -> t.code().equals(serviceCode))) {
            chosen.put("service_code", serviceCode);
        }
        if ("open".equals(status) || "closed".equals(status)) {
            chosen.put("status", status);
        }
        if (catalog.wards(jurisdiction.id()).stream().anyMatch(w -> w.code().equals(ward))) {
            chosen.put("ward", ward);
        }
        day(from).ifPresent(d -> chosen.put("from", d));
        day(to).ifPresent(d -> chosen.put("to", d));
        String address = near == null ? "" : near.strip();
        if (!address.isEmpty()) {
            // Found by the city's geocoder, as a typed address on the report form is; the list then asks Open311 for
            // the requests within a circle around it.
            limits.lookup(http);
            chosen.put("near", address);
            triage.locate(jurisdiction.id(), address)
                    .ifPresentOrElse(
                            position -> {
                                model.addAttribute("nearLat", position.latitude());
                                model.addAttribute("nearLong", position.longitude());
                                model.addAttribute("nearMetres", NEAR_METRES);
                            },
                            () -> model.addAttribute("nearUnknown", true));
        }
        model.addAttribute("chosen", chosen);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("serviceTypes", types);
        model.addAttribute("wards", catalog.wards(jurisdiction.id()));
        // The city's day, not the reader's: the days shown without a choice are the 90 up to it.
        model.addAttribute("today", java.time.LocalDate.now(clock.withZone(jurisdiction.timeZone())));
        tiles.addTo(model, jurisdiction.id());
        return "portal/map";
    }

    private static java.util.Optional<String> day(@org.jspecify.annotations.Nullable String text) {
        try {
            return text == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.LocalDate.parse(text).toString());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
