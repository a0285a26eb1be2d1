package org.civic311.console;

import java.util.Map;
import org.civic311.common.InvalidInputException;
import org.civic311.privacy.ResidentData;
import org.civic311.staff.StaffMember;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residents' requests for their data, answered on screen by an administrator: an export to send them, or an erasure.
 * The staff API answers them too, but only for an account that signs in without a second step.
 */
@Controller
class PrivacyScreens {

    static final String PAGE = "/staff/admin/privacy";

    private final ResidentData residents;
    private final StaffAccess access;
    private final JsonMapper json;

    PrivacyScreens(ResidentData residents, StaffAccess access, JsonMapper json) {
        this.residents = residents;
        this.access = access;
        this.json = json;
    }

    @GetMapping(PAGE)
    String page(Authentication authentication, Model model) {
        model.addAttribute("member", access.member(authentication));
        model.addAttribute("retention", residents.retention().toDays());
        return "staff/privacy";
    }

    /** Everything kept that names the resident, as a file to send them; posted, so the address is in no log. */
    @PostMapping(PAGE + "/export")
    Object export(@RequestParam(defaultValue = "") String address, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        try {
            Map<String, Object> export = residents.export(member.jurisdictionId(), address, member.username());
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"resident-data.json\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(export));
        } catch (InvalidInputException e) {
            return refused(member, e, "export", address, model);
        }
    }

    /**
     * Erases the resident's personal data from every record, once the address is typed a second time: an erasure
     * cannot be undone, and a slip of one digit would erase someone else.
     */
    @PostMapping(PAGE + "/erase")
    String erase(
            @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String again,
            Authentication authentication,
            Model model,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            if (!address.strip().equalsIgnoreCase(again.strip())) {
                throw new InvalidInputException(
                        "again", "is not the address above: type it again, the same, to erase (it cannot be undone)");
            }
            Map<String, Integer> erased = residents.erase(member.jurisdictionId(), address, member.username());
            int total = erased.values().stream().mapToInt(Integer::intValue).sum();
            flash.addFlashAttribute(
                    "message",
                    total == 0
                            ? "Nothing named that address: nothing was erased."
                            : "Erased from " + total + (total == 1 ? " record" : " records") + " ("
                                    + erased.entrySet().stream()
                                            .filter(e -> e.getValue() > 0)
                                            .map(e -> e.getKey() + ": " + e.getValue())
                                            .collect(java.util.stream.Collectors.joining(", "))
                                    + "). The records stay, without the person.");
            return "redirect:" + PAGE;
        } catch (InvalidInputException e) {
            return refused(member, e, "erase", address, model);
        }
    }

    /** The page again, the reason said on the field of the form refused: both forms have an address. */
    private String refused(StaffMember member, InvalidInputException e, String form, String address, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("retention", residents.retention().toDays());
        model.addAttribute("error", Refusals.said(e));
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorForm", form);
        model.addAttribute("typedAddress", address);
        return "staff/privacy";
    }
}
