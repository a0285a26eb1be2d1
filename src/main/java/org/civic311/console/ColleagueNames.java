package org.civic311.console;

import java.util.Map;
import org.civic311.staff.StaffDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Colleagues by name on the screens where agents see each other's work ("Held by Sam Rivera", "promised by Luis
 * Ortega"), as residents' messages and the filing notice already name them, rather than by account.
 */
@ControllerAdvice(
        assignableTypes = {
            InboxScreens.class,
            ConsoleScreens.class,
            InquiryScreens.class,
            DashboardScreens.class,
            DepartmentScreens.class,
            KnowledgeEditorScreens.class
        })
class ColleagueNames {

    private final StaffAccess access;
    private final StaffDirectory directory;

    ColleagueNames(StaffAccess access, StaffDirectory directory) {
        this.access = access;
        this.directory = directory;
    }

    @ModelAttribute("staffNames")
    Map<String, String> staffNames(Authentication authentication) {
        return authentication == null
                ? Map.of()
                : directory.displayNames(access.member(authentication).jurisdictionId());
    }
}
