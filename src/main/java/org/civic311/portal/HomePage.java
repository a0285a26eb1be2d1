package org.civic311.portal;

import org.civic311.catalog.Catalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's front page: follow a request, see the map, take the open data. */
@Controller
class HomePage {

    private final Catalog catalog;
    private final String licence;
    private final String licenceUrl;
    private final boolean demo;

    /**
     * @param licence the licence the city publishes its data under, as it names it; none said when blank (the city
     *     has not chosen one, and Civic311 does not choose for it)
     */
    HomePage(
            Catalog catalog,
            @Value("${civic311.open-data.licence:}") String licence,
            @Value("${civic311.open-data.licence-url:}") String licenceUrl,
            @Value("${civic311.demo.enabled:false}") boolean demo) {
        this.catalog = catalog;
        this.licence = licence.strip();
        this.licenceUrl = licenceUrl.strip();
        this.demo = demo;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("jurisdiction", catalog.resolveJurisdiction(null));
        model.addAttribute("licence", licence.isEmpty() ? null : licence);
        model.addAttribute(
                "licenceUrl",
                licenceUrl.startsWith("https://") || licenceUrl.startsWith("http://") ? licenceUrl : null);
        // The demo city's key is said on the demo alone: a real city gives its keys to each app's developers.
        model.addAttribute("demo", demo);
        return "portal/home";
    }
}
