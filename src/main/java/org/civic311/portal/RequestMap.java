package org.civic311.portal;

import java.util.List;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.ServiceType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public map of requests: filters by type, status, ward and dates, and the requests drawn in clusters from the
 * Open311 API itself, as any other client would read them. A list beside the map says the same in text.
 */
@Controller
class RequestMap {

    private final Catalog catalog;
    private final MapTiles tiles;
    private final java.time.Clock clock;

    RequestMap(Catalog catalog, MapTiles tiles, java.time.Clock clock) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.clock = clock;
    }

    @GetMapping("/map")
    String map(Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        List<ServiceType> types = catalog.activeServiceTypes(jurisdiction.id());
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("serviceTypes", types);
        model.addAttribute("wards", catalog.wards(jurisdiction.id()));
        // The city's day, not the reader's: the days shown without a choice are the 90 up to it.
        model.addAttribute("today", java.time.LocalDate.now(clock.withZone(jurisdiction.timeZone())));
        tiles.addTo(model, jurisdiction.id());
        return "portal/map";
    }
}
