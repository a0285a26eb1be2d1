package org.civic311.portal;

import org.civic311.catalog.Catalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What every portal map needs: the tile server, configurable (OpenStreetMap's by default; maps still work without
 * tiles), and where the city is, so that a map opens on it: the box around its wards.
 */
@Component
class MapTiles {

    private final String url;
    private final String attribution;
    private final Catalog catalog;

    MapTiles(
            @Value("${civic311.map.tiles:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String url,
            @Value("${civic311.map.attribution:© OpenStreetMap contributors}") String attribution,
            Catalog catalog) {
        this.url = url;
        this.attribution = attribution;
        this.catalog = catalog;
    }

    void addTo(org.springframework.ui.Model model, String jurisdictionId) {
        model.addAttribute("tiles", url);
        model.addAttribute("attribution", attribution);
        // "south,west,north,east"; blank for a city without ward outlines, whose map opens on the whole world.
        model.addAttribute(
                "bounds",
                catalog.wardMap(jurisdictionId)
                        .bounds()
                        .map(b -> java.util.Arrays.stream(b)
                                .mapToObj(v -> String.format(java.util.Locale.ROOT, "%.5f", v))
                                .collect(java.util.stream.Collectors.joining(",")))
                        .orElse(""));
    }
}
