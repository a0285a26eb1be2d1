package org.civic311;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civic311.common.DatabaseDown;
import org.civic311.staff.RememberedCredentials;
import org.civic311.staff.StaffSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may reach what. Everything not listed is refused, so a new route stays private until someone decides
 * otherwise. Staff screens need a staff role and a session; the staff API takes HTTP Basic on every call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] STAFF = {"AGENT", "SUPERVISOR", "DEPARTMENT_STAFF", "DEPARTMENT_MANAGER", "ADMINISTRATOR"};
    static final String[] CONTACT_CENTRE = {"AGENT", "SUPERVISOR", "ADMINISTRATOR"};
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain staffApi(
            HttpSecurity http, StaffSignIn signIn, org.civic311.staff.StaffDirectory staff, java.time.Clock clock)
            throws Exception {
        return http.securityMatcher("/api/**")
                // Its own manager with no parent: a refused password must not be tried again by another provider.
                .authenticationManager(
                        new ProviderManager(new RememberedCredentials(signIn, clock, staff::signInState)))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/v1/triage")
                        // Triage serves the residents' portal too: public, and limited per client instead.
                        .permitAll()
                        // A resident's data, exported or erased at their request: administrators only.
                        .requestMatchers("/api/v1/privacy/**")
                        .hasRole("ADMINISTRATOR")
                        // Inquiries and their follow-ups are the contact centre's, as on the screens; a manager
                        // reaches their own escalations and records their callbacks (checked in inquiries).
                        .requestMatchers(
                                "/api/v1/inquiries",
                                "/api/v1/inquiries/**",
                                "/api/v1/followups",
                                "/api/v1/followups/**",
                                "/api/v1/callbacks/broken")
                        .hasAnyRole(CONTACT_CENTRE)
                        .requestMatchers("/api/v1/**")
                        .hasAnyRole(STAFF)
                        .anyRequest()
                        .denyAll())
                // The same answer whether the credentials were missing, wrong or could not be checked.
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::signInRequired))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfiguration::signInRequired))
                // Integrations send credentials on every call and keep no cookies: no session, no CSRF token.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    private static org.springframework.web.cors.CorsConfigurationSource openToOtherSites() {
        var open = new org.springframework.web.cors.CorsConfiguration();
        open.addAllowedOrigin("*");
        open.setAllowedMethods(java.util.List.of("GET", "HEAD", "POST"));
        open.addAllowedHeader("*");
        // A web app told to slow down (429) reads how long to wait.
        open.setExposedHeaders(java.util.List.of("Retry-After"));
        open.setAllowCredentials(false);
        open.setMaxAge(java.time.Duration.ofDays(1));
        var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/open311/**", open);
        source.registerCorsConfiguration("/open-data/**", open);
        return source;
    }

    private static void signInRequired(
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e)
            throws java.io.IOException {
        if (DatabaseDown.causedBy(e)) {
            // The credentials could not be checked: the client should retry, not give up.
            LastResortAnswers.unavailable(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Civic311\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":401,\"error\":\"sign-in required\"}");
    }

    /**
     * Read by the server alone (the forms carry the token), sent to this site alone. Kept for a week rather than the
     * browser's session: a phone that ends the session while a resident writes a report would refuse the report. Over
     * HTTPS its name starts with {@code __Host-}, which browsers keep only as this host set it (secure, for every path,
     * for no other domain): a site on a sibling subdomain cannot then plant a token of its choosing and forge a form
     * with it. Plain HTTP (a developer's machine) cannot carry such a cookie.
     */
    private static org.springframework.security.web.csrf.CsrfTokenRepository csrfCookie() {
        var overHttps = csrfCookie("__Host-XSRF-TOKEN");
        var plain = csrfCookie("XSRF-TOKEN");
        return new org.springframework.security.web.csrf.CsrfTokenRepository() {
            private org.springframework.security.web.csrf.CsrfTokenRepository of(HttpServletRequest request) {
                return request.isSecure() ? overHttps : plain;
            }

            @Override
            public org.springframework.security.web.csrf.CsrfToken generateToken(HttpServletRequest request) {
                return of(request).generateToken(request);
            }

            @Override
            public void saveToken(
                    org.springframework.security.web.csrf.@org.jspecify.annotations.Nullable CsrfToken token,
                    HttpServletRequest request,
                    HttpServletResponse response) {
                of(request).saveToken(token, request, response);
            }

            @Override
            public org.springframework.security.web.csrf.@org.jspecify.annotations.Nullable CsrfToken loadToken(
                    HttpServletRequest request) {
                return of(request).loadToken(request);
            }
        };
    }

    private static org.springframework.security.web.csrf.CookieCsrfTokenRepository csrfCookie(String name) {
        var cookie = new org.springframework.security.web.csrf.CookieCsrfTokenRepository();
        cookie.setCookieName(name);
        cookie.setCookiePath("/");
        cookie.setCookieCustomizer(attributes -> attributes.sameSite("Lax").maxAge(java.time.Duration.ofDays(7)));
        return cookie;
    }

    /**
     * Who is not signed in: sent to sign in on staff's pages, and told a page is not found anywhere else (a resident's
     * mistyped address is not a reason to show them the staff's sign-in).
     */
    private static org.springframework.security.web.AuthenticationEntryPoint signInOrNotFound() {
        var signIn = new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, e) -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            boolean staff = path.equals("/staff") || path.startsWith("/staff/");
            if (staff && "true".equals(request.getHeader("HX-Request"))) {
                // A piece of a page asked for after the session ended: redirected, htmx would put the sign-in page
                // where the piece goes (a note being written). Said instead, for the page to tell its reader.
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else if (staff) {
                signIn.commence(request, response, e);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        };
    }

    /** The staff page asked for before signing in, to go on to after: never a resident's page nor a form's post. */
    private static org.springframework.security.web.savedrequest.RequestCache staffPagesAskedFor() {
        var cache = new org.springframework.security.web.savedrequest.CookieRequestCache();
        cache.setRequestMatcher(
                org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults()
                        .matcher(org.springframework.http.HttpMethod.GET, "/staff/**"));
        return cache;
    }

    /** A form whose token no longer matches: said as an expired form (error.html), not as a mistake to correct. */
    private static org.springframework.security.web.access.AccessDeniedHandler expiredForms() {
        var otherwise = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            if (e instanceof org.springframework.security.web.csrf.CsrfException) {
                request.setAttribute("formExpired", true);
            }
            otherwise.handle(request, response, e);
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http,
            ObjectProvider<ClientRegistrationRepository> openIdProviders,
            ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> staffOidcUsers,
            org.springframework.security.web.authentication.AuthenticationSuccessHandler staffSignedIn)
            throws Exception {
        if (openIdProviders.getIfAvailable() != null) {
            // Staff may also sign in through the city's OpenID provider; the staff account decides the roles.
            http.oauth2Login(login -> login.loginPage("/login")
                    .defaultSuccessUrl("/staff", false)
                    .userInfoEndpoint(users -> users.oidcUserService(staffOidcUsers.getObject())));
        }
        return http.authorizeHttpRequests(requests -> requests
                        // The error page answers for a request that failed; called directly it has nothing to show.
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                "/", "/index.html", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/login")
                        .permitAll()
                        // Open311 (its writes need an api_key, checked in open311) and the residents' public pages.
                        .requestMatchers(
                                "/open311/**",
                                "/media/**",
                                "/unfollow/**",
                                "/requests",
                                "/requests/**",
                                "/open-data/**",
                                "/map",
                                "/team",
                                "/report",
                                "/report/**",
                                "/follow/**")
                        .permitAll()
                        // Providers' webhooks prove who they are by their signatures, checked in conversations.
                        .requestMatchers("/webhooks/**")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/v3/api-docs.yaml/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // The inbox, calls and inquiries are 311's own work: agents, their supervisors, administrators.
                        .requestMatchers(
                                "/staff/inbox",
                                "/staff/inbox/**",
                                "/staff/contacts",
                                "/staff/contacts/**",
                                "/staff/inquiries",
                                "/staff/inquiries/**",
                                "/staff/followups/**",
                                "/staff/questions",
                                "/staff/addresses")
                        .hasAnyRole(CONTACT_CENTRE)
                        .requestMatchers("/staff/admin/**")
                        .hasRole("ADMINISTRATOR")
                        .requestMatchers("/staff", "/staff/**")
                        .hasAnyRole(STAFF)
                        .anyRequest()
                        .denyAll())
                .formLogin(login -> login.loginPage("/login")
                        .successHandler(staffSignedIn)
                        .authenticationDetailsSource(StaffSignIn.Details::new)
                        .failureHandler((request, response, e) -> {
                            if (DatabaseDown.causedBy(e)) {
                                LastResortAnswers.unavailable(request, response);
                            } else {
                                response.sendRedirect(request.getContextPath()
                                        + (e instanceof LockedException
                                                ? "/login?locked"
                                                : e instanceof CredentialsExpiredException
                                                        ? "/login?expired"
                                                        : "/login?error"));
                            }
                        }))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(signInOrNotFound()).accessDeniedHandler(expiredForms()))
                // Open311 clients are programs without cookies or sessions: no CSRF token to carry.
                // The token in a cookie rather than the session, and the page asked for before sign-in likewise:
                // a resident reading a page with a form, or anyone knocking at /staff, writes no session to the
                // database (one per page view, kept for hours, was there for the asking).
                // Nor has a mail program's one-click unsubscribe, whose link's own token is what a form's would prove.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/open311/**", "/webhooks/**", "/unfollow/*")
                        .csrfTokenRepository(csrfCookie()))
                .requestCache(cache -> cache.requestCache(staffPagesAskedFor()))
                // Open by default: other sites' pages may read the API and the open data, never with staff's cookies.
                .cors(cors -> cors.configurationSource(openToOtherSites()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }
}
