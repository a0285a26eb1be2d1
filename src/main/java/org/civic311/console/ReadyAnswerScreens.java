package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.CatalogEditor.EntryKind;
import org.civic311.catalog.Person;
import org.civic311.catalog.ReadyAnswerForm;
import org.civic311.catalog.Resolution;
import org.civic311.catalog.RoutingRuleForm;
import org.civic311.catalog.ServiceType;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators keep the ready answers staff start from when they close a request, and the routing rules (where a
 * type's requests go, in a ward or everywhere, and who supervises each area, to whom its escalations go), without the
 * city's catalogue file.
 */
@Controller
class ReadyAnswerScreens {

    private static final String REPLIES = "/staff/admin/catalogue/replies";
    private static final String ROUTING = "/staff/admin/catalogue/routing";

    private final CatalogEditor editor;
    private final Catalog catalog;
    private final StaffAccess access;

    ReadyAnswerScreens(CatalogEditor editor, Catalog catalog, StaffAccess access) {
        this.editor = editor;
        this.catalog = catalog;
        this.access = access;
    }

    @GetMapping(REPLIES)
    String readyAnswers(Authentication authentication, Model model) {
        return readyAnswers(access.member(authentication), ReadyAnswerForm.BLANK, model);
    }

    /** Adds a ready answer, or changes the one named. */
    @PostMapping({REPLIES, REPLIES + "/{id}"})
    String saveReadyAnswer(
            @PathVariable(required = false) @Nullable Long id,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ReadyAnswerForm form = ReadyAnswerForm.from(fields::getFirst);
        try {
            editor.saveReadyAnswer(member.jurisdictionId(), id, form, member.username());
        } catch (InvalidInputException e) {
            CatalogueEditingScreens.refused(e.getMessage(), null, model, response);
            model.addAttribute("refusedId", id);
            return readyAnswers(member, form, model);
        }
        flash.addFlashAttribute(
                "message", id == null ? "Added: staff closing such a request can start from it." : "Saved.");
        return "redirect:" + REPLIES;
    }

    @PostMapping(REPLIES + "/{id}/remove")
    String removeReadyAnswer(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        editor.removeReadyAnswer(member.jurisdictionId(), id, member.username());
        flash.addFlashAttribute("message", "Removed. Notes it already wrote stay with their requests.");
        return "redirect:" + REPLIES;
    }

    private String readyAnswers(StaffMember member, ReadyAnswerForm form, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("answers", editor.readyAnswers(jurisdictionId));
        model.addAttribute("types", catalog.serviceTypes(jurisdictionId));
        model.addAttribute(
                "typeNames",
                catalog.serviceTypes(jurisdictionId).stream()
                        .collect(java.util.stream.Collectors.toMap(ServiceType::code, ServiceType::name)));
        // A duplicate is closed by marking it as one, with a note of its own: no ready answer closes one.
        model.addAttribute("resolutions", Resolution.chosenOnClosing());
        model.addAttribute("changes", editor.changes(jurisdictionId, EntryKind.READY_ANSWER, null, 20));
        model.addAttribute("t", times(jurisdictionId));
        return "staff/ready-answers";
    }

    @GetMapping(ROUTING)
    String routing(@RequestParam(required = false) @Nullable Long change, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        if (change == null) {
            return routing(member, RoutingRuleForm.BLANK, model);
        }
        // The rule's form filled in as it is, to change in one step.
        var rule = editor.routing(member.jurisdictionId()).stream()
                .filter(r -> r.id() == change)
                .findFirst()
                .orElseThrow(() -> new org.civic311.common.NotFoundException("no routing rule " + change));
        model.addAttribute("changing", change);
        return routing(member, RoutingRuleForm.of(rule.rule()), model);
    }

    @PostMapping(ROUTING)
    String addRoutingRule(
            @RequestParam MultiValueMap<String, String> fields,
            @RequestParam(required = false) @Nullable Long replaces,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        RoutingRuleForm form = RoutingRuleForm.from(fields::getFirst);
        try {
            if (replaces == null) {
                editor.addRoutingRule(member.jurisdictionId(), form, member.username());
            } else {
                editor.replaceRoutingRule(member.jurisdictionId(), replaces, form, member.username());
            }
        } catch (InvalidInputException e) {
            CatalogueEditingScreens.refused(e.getMessage(), null, model, response);
            model.addAttribute("changing", replaces);
            return routing(member, form.withoutKey(), model);
        }
        flash.addFlashAttribute(
                "message",
                replaces == null
                        ? "Added: requests made from now on go by it."
                        : "Changed: requests made from now on go by it, with no moment between the two rules.");
        return "redirect:" + ROUTING;
    }

    @PostMapping(ROUTING + "/{id}/remove")
    String removeRoutingRule(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        editor.removeRoutingRule(member.jurisdictionId(), id, member.username());
        flash.addFlashAttribute(
                "message", "Removed. Requests already routed stay where they are; new ones go by the other rules.");
        return "redirect:" + ROUTING;
    }

    private String routing(StaffMember member, RoutingRuleForm form, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("routing", editor.routing(jurisdictionId));
        model.addAttribute("types", catalog.activeServiceTypes(jurisdictionId));
        model.addAttribute("departments", catalog.departments(jurisdictionId));
        model.addAttribute("wards", catalog.wards(jurisdictionId));
        model.addAttribute("people", catalog.people(jurisdictionId));
        model.addAttribute(
                "names",
                catalog.people(jurisdictionId).stream()
                        .collect(java.util.stream.Collectors.toMap(Person::key, Person::name)));
        model.addAttribute("changes", editor.changes(jurisdictionId, EntryKind.ROUTING, null, 20));
        model.addAttribute("t", times(jurisdictionId));
        return "staff/routing";
    }

    @PostMapping(ROUTING + "/{id}/supervisor")
    String superviseArea(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String supervisor,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            editor.superviseArea(
                    member.jurisdictionId(), id, supervisor.isBlank() ? null : supervisor.strip(), member.username());
        } catch (InvalidInputException e) {
            CatalogueEditingScreens.refused(e.getMessage(), null, model, response);
            return routing(member, RoutingRuleForm.BLANK, model);
        }
        flash.addFlashAttribute("message", "Saved: escalations of the area's requests go to them from the next one.");
        return "redirect:" + ROUTING;
    }

    private DepartmentScreens.LocalTimes times(String jurisdictionId) {
        return new DepartmentScreens.LocalTimes(
                catalog.resolveJurisdiction(jurisdictionId).timeZone());
    }
}
