package org.civic311.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The tile server of every portal map, configurable; OpenStreetMap's by default. Maps still work without tiles. */
@Component
class MapTiles {

    private final String url;
    private final String attribution;

    MapTiles(
            @Value("${civic311.map.tiles:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String url,
            @Value("${civic311.map.attribution:© OpenStreetMap contributors}") String attribution) {
        this.url = url;
        this.attribution = attribution;
    }

    void addTo(org.springframework.ui.Model model) {
        model.addAttribute("tiles", url);
        model.addAttribute("attribution", attribution);
    }
}
