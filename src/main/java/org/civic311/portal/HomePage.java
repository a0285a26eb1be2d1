package org.civic311.portal;

import org.civic311.catalog.Catalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's front page: follow a request, see the map, take the open data. */
@Controller
class HomePage {

    private final Catalog catalog;

    HomePage(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("jurisdiction", catalog.resolveJurisdiction(null));
        return "portal/home";
    }
}
