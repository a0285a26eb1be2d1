package org.civic311.console;

import java.io.IOException;
import java.util.Locale;
import org.civic311.common.InvalidInputException;
import org.civic311.media.MediaStore;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.civic311.staff.StaffProfile;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A staff member's own profile: team, the public name that signs replies (or its initials), and a photo. */
@Controller
class ProfileScreens {

    private final StaffDirectory directory;
    private final org.civic311.staff.StaffAccounts accounts;
    private final MediaStore media;
    private final StaffAccess access;
    private final java.time.Clock clock;

    /** Whether staff may sign in through the city's OpenID provider, which each links their account to. */
    private final boolean citySignIn;

    ProfileScreens(
            StaffDirectory directory,
            org.civic311.staff.StaffAccounts accounts,
            MediaStore media,
            StaffAccess access,
            java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${civic311.oidc.enabled:false}") boolean citySignIn) {
        this.directory = directory;
        this.accounts = accounts;
        this.media = media;
        this.access = access;
        this.clock = clock;
        this.citySignIn = citySignIn;
    }

    @GetMapping("/staff/profile")
    String profile(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("member", member);
        model.addAttribute("profile", directory.profile(member.username()).orElseThrow());
        model.addAttribute("twoStep", directory.twoStepOn(member.username()));
        model.addAttribute("choosePassword", accounts.mustChangePassword(member.username()));
        model.addAttribute("citySignIn", citySignIn);
        model.addAttribute("linked", citySignIn && directory.hasOidcIdentity(member.username()));
        return "staff/profile";
    }

    @PostMapping("/staff/profile/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return saved(flash, "Password changed.", () -> {
            if (!password.equals(confirmation)) {
                throw new InvalidInputException("confirmation", "does not match the new password");
            }
            directory.changePassword(member.username(), currentPassword, password);
        });
    }

    /** Offers a new secret to the member's authenticator app; it is shown in this answer and kept nowhere yet. */
    @PostMapping("/staff/profile/two-step")
    String startTwoStep(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("enrolment", directory.startTwoStep(member.username()));
        return profile(authentication, model);
    }

    @PostMapping("/staff/profile/two-step/confirm")
    String confirmTwoStep(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String secret,
            @RequestParam(defaultValue = "") String code,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return saved(
                flash,
                "Two-step sign-in is on: sign-in now asks for a code from your app.",
                () -> directory.confirmTwoStep(member.username(), currentPassword, secret, code, clock.instant()));
    }

    @PostMapping("/staff/profile/two-step/stop")
    String stopTwoStep(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String code,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return saved(
                flash,
                "Two-step sign-in is off.",
                () -> directory.stopTwoStep(member.username(), currentPassword, code, clock.instant()));
    }

    @PostMapping("/staff/profile")
    String update(
            @RequestParam(defaultValue = "") String team,
            @RequestParam(defaultValue = "") String publicName,
            @RequestParam(defaultValue = "NAME") String signature,
            @RequestParam(required = false) @Nullable MultipartFile photo,
            @RequestParam(required = false) @Nullable String removePhoto,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        String before = directory.photoOf(member.username()).orElse(null);
        try {
            StaffProfile.Signature style;
            try {
                style = StaffProfile.Signature.valueOf(signature.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("signature", "must be NAME or INITIALS");
            }
            String photoPath = null;
            if (photo != null && !photo.isEmpty()) {
                // Checked by content, re-encoded and stripped of EXIF like every other image Civic311 keeps.
                photoPath = media.store("photo", photo.getBytes()).path();
            }
            directory.updateProfile(member.username(), team, publicName, style, photoPath);
            if (photoPath == null && removePhoto != null) {
                directory.removePhoto(member.username());
            }
            // A photo replaced or removed is gone from its public address too, not only from the profile.
            if (before != null && (photoPath != null || removePhoto != null)) {
                media.delete(before);
            }
            flash.addFlashAttribute("message", "Profile saved.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (IOException e) {
            flash.addFlashAttribute("error", "photo: the upload could not be read");
        }
        return "redirect:/staff/profile";
    }

    /** Back to the profile, saying the change was made, or why it was refused. */
    private static String saved(RedirectAttributes flash, String message, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("message", message);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/profile";
    }
}
