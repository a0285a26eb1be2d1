package org.civic311.staff;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Links a staff account to its owner's identity at the city's OpenID provider: asked from the profile, signed in with
 * the account's password, and done when the provider sends them back. The session remembers whose link was asked for
 * until then.
 */
@Controller
@ConditionalOnProperty(name = "civic311.oidc.enabled", havingValue = "true")
class OidcLinking {

    static final String ASKED = OidcLinking.class.getName() + ".asked";

    private final OidcProperties properties;

    OidcLinking(OidcProperties properties) {
        this.properties = properties;
    }

    @PostMapping("/staff/profile/city-sign-in")
    String link(Authentication authentication, HttpSession session) {
        session.setAttribute(ASKED, authentication.getName());
        return "redirect:/oauth2/authorization/" + properties.registrationId();
    }

    /** Whether the person signing in through the provider asked, in this session, to link this account; once. */
    static boolean asked(String username) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet)) {
            return false;
        }
        HttpSession session = servlet.getRequest().getSession(false);
        if (session == null || !username.equals(session.getAttribute(ASKED))) {
            return false;
        }
        session.removeAttribute(ASKED);
        return true;
    }
}
