package org.civic311.portal;

import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.staff.StaffDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Who answers 311: the agents and supervisors who sign the replies residents get, with the name, title and photo
 * each chose to show. A resident answered by "^Sam R." can see who that is.
 */
@Controller
class TeamPage {

    private final Catalog catalog;
    private final StaffDirectory staff;

    TeamPage(Catalog catalog, StaffDirectory staff) {
        this.catalog = catalog;
        this.staff = staff;
    }

    @GetMapping("/team")
    String team(Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("people", staff.publicProfiles(jurisdiction.id()));
        return "portal/team";
    }
}
