package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.inquiries.AgentWork;
import org.civic311.inquiries.Inquiries;
import org.civic311.staff.Role;
import org.civic311.staff.StaffAccounts;
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
 * Administrators keep the staff accounts of their jurisdiction: create one, change what a person may do, give a new
 * password or turn off a lost second step, disable an account. A given password is shown once, in the answer to the
 * form that made it, and kept nowhere but as a hash (not even in the session, so no redirect after it): the form
 * carries when the password last changed, so that the same form sent again, by a refreshed page, does not replace
 * the password just handed over.
 */
@Controller
class AccountScreens {

    private final StaffAccounts accounts;
    private final StaffAccess access;
    private final Catalog catalog;
    private final org.civic311.media.MediaStore media;
    private final Inquiries inquiries;
    private final org.civic311.catalog.CatalogEditor editor;

    AccountScreens(
            StaffAccounts accounts,
            StaffAccess access,
            Catalog catalog,
            org.civic311.media.MediaStore media,
            Inquiries inquiries,
            org.civic311.catalog.CatalogEditor editor) {
        this.editor = editor;
        this.accounts = accounts;
        this.access = access;
        this.catalog = catalog;
        this.media = media;
        this.inquiries = inquiries;
    }

    @GetMapping("/staff/admin/accounts")
    String list(Authentication authentication, Model model) {
        return list(access.member(authentication), model);
    }

    @PostMapping("/staff/admin/accounts")
    String create(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(name = "role", required = false) @Nullable List<String> roles,
            @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "") String person,
            Authentication authentication,
            Model model,
            HttpServletResponse response) {
        StaffMember member = access.member(authentication);
        try {
            model.addAttribute(
                    "given",
                    accounts.create(
                            member,
                            username,
                            new StaffAccounts.Details(displayName, title, roles(roles), department, person)));
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", refusal(e));
            model.addAttribute(
                    "form",
                    new AccountForm(
                            username,
                            displayName,
                            title,
                            Set.copyOf(roles == null ? List.of() : roles),
                            department,
                            person));
        }
        return list(member, model);
    }

    @GetMapping("/staff/admin/accounts/{username}")
    String account(@PathVariable String username, Authentication authentication, Model model) {
        return account(access.member(authentication), username, model);
    }

    @PostMapping("/staff/admin/accounts/{username}")
    String change(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(name = "role", required = false) @Nullable List<String> roles,
            @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "") String person,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        // Shown again as typed if refused.
        model.addAttribute(
                "form",
                new AccountForm(
                        username,
                        displayName,
                        title,
                        Set.copyOf(roles == null ? List.of() : roles),
                        department,
                        person));
        return onAccount(
                member,
                username,
                model,
                response,
                flash,
                "Saved. If what they may do changed, they sign in again.",
                () -> accounts.change(
                        member,
                        username,
                        new StaffAccounts.Details(displayName, title, roles(roles), department, person)));
    }

    @PostMapping("/staff/admin/accounts/{username}/password")
    String resetPassword(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String shownAt,
            Authentication authentication,
            Model model,
            HttpServletResponse response) {
        StaffMember member = access.member(authentication);
        try {
            model.addAttribute("given", accounts.resetPassword(member, username, instant(shownAt)));
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "Password: " + e.problem());
        }
        return account(member, username, model);
    }

    /**
     * The moment a page showed, as its form carries it back: "never" for a password never changed since the account
     * was made (any change since is then newer); blank when the form predates the field.
     */
    private static java.time.@Nullable Instant instant(String shownAt) {
        if (shownAt.isBlank()) {
            return null;
        }
        if (shownAt.strip().equals("never")) {
            return java.time.Instant.EPOCH;
        }
        try {
            return java.time.Instant.parse(shownAt.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("shownAt", "must be an instant such as 2026-11-23T10:15:30Z");
        }
    }

    @PostMapping("/staff/admin/accounts/{username}/two-step")
    String turnOffTwoStep(
            @PathVariable String username,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return onAccount(
                member,
                username,
                model,
                response,
                flash,
                "Two-step sign-in is off: they sign in with their password, then can turn it on again.",
                () -> accounts.turnOffTwoStep(member, username));
    }

    /** Unbinds the account from the provider identity its first sign-in there bound it to. */
    @PostMapping("/staff/admin/accounts/{username}/oidc/forget")
    String forgetOidcIdentity(
            @PathVariable String username,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return onAccount(
                member,
                username,
                model,
                response,
                flash,
                "Their next sign-in through the city's provider binds the account again; their sessions have ended.",
                () -> accounts.forgetOidcIdentity(member, username));
    }

    /** Takes a person's public name and photo off what residents see; the photo's file goes too. */
    @PostMapping("/staff/admin/accounts/{username}/public-profile/clear")
    String clearPublicProfile(
            @PathVariable String username,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return onAccount(
                member,
                username,
                model,
                response,
                flash,
                "Their public name and photo are removed: residents see their initials.",
                () -> accounts.clearPublicProfile(member, username).ifPresent(media::delete));
    }

    @PostMapping("/staff/admin/accounts/{username}/enabled")
    String setEnabled(
            @PathVariable String username,
            @RequestParam boolean enabled,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        AgentWork held = inquiries.workOf(member.jurisdictionId(), username);
        return onAccount(
                member,
                username,
                model,
                response,
                flash,
                enabled
                        ? "The account works again."
                        : "The account is disabled; its sessions have ended."
                                + (held.none()
                                        ? ""
                                        : " They still hold " + held.described() + ": hand them over below."),
                () -> accounts.setEnabled(member, username, enabled));
    }

    /**
     * Hands the inquiries and follow-ups a person holds to a colleague at the contact centre: before they leave, or
     * after, from their disabled account's page.
     */
    @PostMapping("/staff/admin/accounts/{username}/hand-over")
    String handOver(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String to,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        StaffAccounts.StaffAccount from = accounts.account(member.jurisdictionId(), username);
        return onAccount(member, username, model, response, flash, () -> {
            StaffAccounts.StaffAccount colleague = accounts.successor(member, from.username(), to.strip());
            AgentWork moved = inquiries.handOver(member.jurisdictionId(), from.username(), colleague.username());
            if (moved.none()) {
                return "They held no open inquiry or follow-up.";
            }
            accounts.recordHandOver(member, from.username(), colleague.username(), moved.described());
            return "Handed " + moved.described() + " to " + colleague.displayName() + ".";
        });
    }

    /**
     * Makes a change to an account and goes back to its page saying so; a refusal shows the page again with the
     * reason, as a 400.
     */
    private String onAccount(
            StaffMember member,
            String username,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash,
            String done,
            Runnable change) {
        return onAccount(member, username, model, response, flash, () -> {
            change.run();
            return done;
        });
    }

    /** The same, for a change that says itself what it did. */
    private String onAccount(
            StaffMember member,
            String username,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash,
            java.util.function.Supplier<String> change) {
        String done;
        try {
            done = change.get();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", refusal(e));
            return account(member, username, model);
        }
        flash.addFlashAttribute("message", done);
        return "redirect:/staff/admin/accounts/" + username;
    }

    /** A refusal as the form's labels name its field: "Directory entry: mokafor is already …". */
    private static String refusal(InvalidInputException e) {
        String label =
                switch (e.field()) {
                    case "displayName" -> "Name";
                    case "title" -> "Title";
                    case "roles", "role" -> "Roles";
                    case "department" -> "Department";
                    case "person" -> "Directory entry";
                    case "username" -> "Username";
                    case "to" -> "Hand over to";
                    default -> e.field();
                };
        return label + ": " + e.problem();
    }

    /** What an account form shows: an account as it is, or what the administrator typed into a refused form. */
    record AccountForm(
            String username, String displayName, String title, Set<String> roles, String department, String person) {

        static final AccountForm EMPTY = new AccountForm("", "", "", Set.of(), "", "");

        static AccountForm of(StaffAccounts.StaffAccount account) {
            return new AccountForm(
                    account.username(),
                    account.displayName(),
                    account.title(),
                    account.roles().stream().map(Role::name).collect(java.util.stream.Collectors.toSet()),
                    account.departmentCode() == null ? "" : account.departmentCode(),
                    account.personKey() == null ? "" : account.personKey());
        }
    }

    private String list(StaffMember member, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("accounts", accounts.accounts(member.jurisdictionId()));
        model.addAttribute("changes", accounts.changes(member.jurisdictionId(), 20));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AccountForm.EMPTY);
        }
        forms(member, model);
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/accounts";
    }

    private String account(StaffMember member, String username, Model model) {
        model.addAttribute("member", member);
        StaffAccounts.StaffAccount account = accounts.account(member.jurisdictionId(), username);
        model.addAttribute("account", account);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AccountForm.of(account));
        }
        model.addAttribute("work", inquiries.workOf(member.jurisdictionId(), username));
        // What still reaches them through their directory entry, whatever becomes of the account.
        model.addAttribute(
                "answersFor",
                account.personKey() == null
                        ? List.of()
                        : editor.answersFor(member.jurisdictionId(), account.personKey()));
        model.addAttribute(
                "successors",
                accounts.accounts(member.jurisdictionId()).stream()
                        .filter(a -> a.enabled()
                                && a.answersResidents()
                                && !a.username().equals(username))
                        .toList());
        forms(member, model);
        return "staff/account";
    }

    private void forms(StaffMember member, Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("departments", catalog.departments(member.jurisdictionId()));
        model.addAttribute("people", catalog.people(member.jurisdictionId()));
    }

    private static Set<Role> roles(@Nullable List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("role", "no role " + name);
            }
        }
        return roles;
    }
}
