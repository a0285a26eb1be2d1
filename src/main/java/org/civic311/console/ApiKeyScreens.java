package org.civic311.console;

import org.civic311.common.InvalidInputException;
import org.civic311.open311.ApiKey;
import org.civic311.open311.ApiKeys;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators issue, rotate and revoke the Open311 API keys of their jurisdiction. A new key is shown once, in
 * the answer to the form that made it, and is never stored anywhere but as a digest (not even in the session).
 */
@Controller
class ApiKeyScreens {

    private final ApiKeys keys;
    private final StaffAccess access;
    private final org.civic311.catalog.Catalog catalog;
    private final java.time.Clock clock;

    ApiKeyScreens(ApiKeys keys, StaffAccess access, org.civic311.catalog.Catalog catalog, java.time.Clock clock) {
        this.keys = keys;
        this.access = access;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/staff/admin/api-keys")
    String list(Authentication authentication, Model model) {
        return page(access.member(authentication), model, null);
    }

    @PostMapping("/staff/admin/api-keys")
    String issue(
            @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String callsPerMinute,
            Authentication authentication,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        StaffMember member = access.member(authentication);
        try {
            ApiKey.Issued issued = keys.issue(member.jurisdictionId(), label, limit(callsPerMinute), member.username());
            return page(member, model, issued);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("label", label);
            return page(member, model, null);
        }
    }

    @PostMapping("/staff/admin/api-keys/{id}/rotate")
    String rotate(@PathVariable long id, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        return page(member, model, keys.rotate(member.jurisdictionId(), id, member.username()));
    }

    @PostMapping("/staff/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ApiKey revoked = keys.revoke(member.jurisdictionId(), id, member.username());
        flash.addFlashAttribute("message", "The key for " + revoked.label() + " no longer works.");
        return "redirect:/staff/admin/api-keys";
    }

    private String page(StaffMember member, Model model, ApiKey.@Nullable Issued issued) {
        model.addAttribute("member", member);
        model.addAttribute("keys", keys.keys(member.jurisdictionId()));
        model.addAttribute("issued", issued);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/api-keys";
    }

    private static @Nullable Integer limit(String callsPerMinute) {
        if (callsPerMinute.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(callsPerMinute.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("callsPerMinute", "must be a whole number, or empty for the default");
        }
    }
}
