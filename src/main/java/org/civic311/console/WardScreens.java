package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.CatalogEditor.EntryKind;
import org.civic311.catalog.CityFile;
import org.civic311.catalog.WardBoundary;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators replace the wards' boundaries after a redistricting, from the GeoJSON file the city publishes, without
 * the command line. Reports made from then on are placed, routed and mapped by the new boundaries. They also download
 * the catalogue as it stands, as the file the city command reads.
 */
@Controller
class WardScreens {

    private static final String WARDS = "/staff/admin/catalogue/wards";

    private final CatalogEditor editor;
    private final Catalog catalog;
    private final StaffAccess access;
    private final CityFile cityFile;

    WardScreens(CatalogEditor editor, Catalog catalog, StaffAccess access, JsonMapper json) {
        this.editor = editor;
        this.catalog = catalog;
        this.access = access;
        this.cityFile = new CityFile(json);
    }

    /**
     * The catalogue as a catalogue file, the console's changes in it: to put under version control, so that the next
     * {@code city --update} keeps them rather than putting the old file's version back.
     */
    @GetMapping("/staff/admin/catalogue/export")
    org.springframework.http.ResponseEntity<byte[]> export(Authentication authentication) {
        StaffMember member = access.member(authentication);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"catalog.json\"")
                .header("Cache-Control", "no-store")
                .body(cityFile.write(catalog.definition(member.jurisdictionId())));
    }

    @GetMapping(WARDS)
    String wards(Authentication authentication, Model model) {
        return wards(access.member(authentication), model);
    }

    @PostMapping(WARDS)
    String replace(
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String leaveOut,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "is required: choose the city's ward boundaries (GeoJSON)");
            }
            List<WardBoundary> wards;
            try (InputStream in = file.getInputStream()) {
                wards = cityFile.readWards(in);
            } catch (IOException e) {
                throw new InvalidInputException("file", "could not be read as GeoJSON");
            }
            String change =
                    editor.replaceWards(member.jurisdictionId(), wards, "on".equals(leaveOut), member.username());
            flash.addFlashAttribute(
                    "message",
                    "Saved: " + change + ". Reports made from now on are placed by them; requests already made keep"
                            + " their ward.");
        } catch (InvalidInputException e) {
            CatalogueEditingScreens.refused(e.getMessage(), null, model, response);
            return wards(member, model);
        }
        return "redirect:" + WARDS;
    }

    private String wards(StaffMember member, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("wards", catalog.wards(jurisdictionId));
        model.addAttribute("changes", editor.changes(jurisdictionId, EntryKind.WARDS, null, 20));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(jurisdictionId).timeZone()));
        return "staff/wards";
    }
}
