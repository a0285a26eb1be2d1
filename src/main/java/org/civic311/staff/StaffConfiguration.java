package org.civic311.staff;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/** Passwords hashed with bcrypt (behind a delegating encoder, so the algorithm can change); sessions in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
// The repository's own clean-up timer would start before Flyway has created the session table; it runs instead as
// scheduled work (ExpiredSessions), which starts once the application is ready.
@EnableJdbcHttpSession(
        maxInactiveIntervalInSeconds = StaffSessions.UNUSED_SECONDS,
        cleanupCron = Scheduled.CRON_DISABLED)
class StaffConfiguration {

    /**
     * Two requests of one session (an agent's htmx panels, two tabs) may both add the same attribute; PostgreSQL's
     * upsert keeps the later value where the plain insert would fail one of them with a duplicate key.
     */
    @Bean
    org.springframework.session.config.SessionRepositoryCustomizer<
                    org.springframework.session.jdbc.JdbcIndexedSessionRepository>
            concurrentSessionAttributes() {
        return repository -> repository.setCreateSessionAttributeQuery(
                """
                insert into %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                values (?, ?, ?)
                on conflict (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) do update set ATTRIBUTE_BYTES = excluded.ATTRIBUTE_BYTES""");
    }

    /**
     * The one way to check a staff password, so that no other provider (such as the default one Spring Security
     * builds from the directory) could accept a password without its code or past the sign-in limits.
     */
    @Bean
    StaffSignIn staffSignIn(
            StaffDirectory directory,
            PasswordEncoder passwords,
            SignInAllowances allowances,
            SignInProperties properties,
            KnownDevices devices,
            java.time.Clock clock) {
        return new StaffSignIn(directory, passwords, allowances, properties, devices, clock);
    }

    /**
     * After a sign-in on the form: the browser becomes known for the account ({@link KnownDevices}), then on to the
     * page asked for, or the console.
     */
    @Bean
    org.springframework.security.web.authentication.AuthenticationSuccessHandler staffSignedIn(KnownDevices devices) {
        var next = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/staff");
        // The page asked for before sign-in is kept in a cookie (no session before sign-in): read from there.
        next.setRequestCache(new org.springframework.security.web.savedrequest.CookieRequestCache());
        return (request, response, authentication) -> {
            jakarta.servlet.http.Cookie cookie =
                    new jakarta.servlet.http.Cookie(KnownDevices.COOKIE, devices.remember(authentication.getName()));
            cookie.setPath("/login");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setMaxAge((int) KnownDevices.KEPT.toSeconds());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
