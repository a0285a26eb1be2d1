package org.civic311.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.civic311.staff.StaffAccounts;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A password an administrator gave is known to two people: it opens only the profile page and its password form, to
 * choose one's own. Every other staff screen leads there, and the staff API refuses it. Staff who sign in through the city's OpenID
 * provider are not asked: they never use a password here.
 */
@Configuration
class GivenPasswords implements WebMvcConfigurer, HandlerInterceptor {

    private final StaffAccounts accounts;

    GivenPasswords(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/staff", "/staff/**", "/api/v1/**")
                .excludePathPatterns("/api/v1/triage");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean choosing = ("GET".equals(request.getMethod()) && path.equals("/staff/profile"))
                || ("POST".equals(request.getMethod()) && path.equals("/staff/profile/password"));
        if (choosing) {
            return true;
        }
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        // Only a sign-in with the password counts: staff signed in through the city's OpenID provider never use it.
        if (!(signedIn instanceof UsernamePasswordAuthenticationToken)
                || !accounts.mustChangePassword(signedIn.getName())) {
            return true;
        }
        if (path.startsWith("/api/")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"status\":403,\"field\":\"password\",\"error\":\"choose your own password on your"
                            + " profile page first; the one an administrator gave works only for that\"}");
            return false;
        }
        response.sendRedirect(request.getContextPath() + "/staff/profile?choose-password");
        return false;
    }
}
