package org.civic311.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The portal speaks English and French: the browser's language first, then the resident's choice ({@code ?lang=fr}),
 * kept in a cookie. Its words live in the {@code i18n/portal} bundles.
 */
@Configuration(proxyBeanMethods = false)
class PortalLocales implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("civic311-language");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        change.setHttpMethods("GET");
        // Only the portal's pages, and only on GET: reading a parameter of a POST would parse an upload before the
        // checks of the controller that takes it.
        registry.addInterceptor(change)
                .addPathPatterns(
                        "/",
                        "/map",
                        "/requests",
                        "/requests/**",
                        "/report",
                        "/report/**",
                        "/follow/**",
                        "/team",
                        "/unfollow/**");
    }

    /** English unless the resident reads French: the language the page is in. */
    static String language(Locale locale) {
        return "fr".equals(locale.getLanguage()) ? "fr" : "en";
    }

    /** What every portal page needs to say which language it is in and how to switch. */
    @ControllerAdvice(
            assignableTypes = {HomePage.class, TrackingPage.class, RequestMap.class, ReportPages.class, TeamPage.class})
    static class PageLanguage {

        private final String catalogueLanguage;

        /**
         * @param catalogueLanguage the language the city wrote its catalogue in (types, questions, notices): on a page
         *     in another language its words are marked as theirs, so that a screen reader reads them as written
         */
        PageLanguage(
                @org.springframework.beans.factory.annotation.Value("${civic311.portal.catalogue-language:en}")
                        String catalogueLanguage) {
            this.catalogueLanguage = catalogueLanguage;
        }

        static String inOtherLanguage(HttpServletRequest request, String other) {
            String path = request.getRequestURI();
            // A follow is sent from the request's page, and only its page can be shown again.
            if (!"GET".equals(request.getMethod()) && path.matches("/requests/[^/]+/follow")) {
                path = path.substring(0, path.length() - "/follow".length());
            }
            // A type chosen from the suggestions is its form; the words typed come along in the tab (report.js).
            if (!"GET".equals(request.getMethod()) && path.equals("/report/chosen")) {
                String code = request.getParameter("code");
                path = code != null && code.matches("[A-Za-z0-9_.-]{1,64}") ? "/report/" + code : "/report";
            }
            var page = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
            try {
                return page.query("GET".equals(request.getMethod()) ? request.getQueryString() : null)
                        .replaceQueryParam("lang", other)
                        .build(true)
                        .toUriString();
            } catch (IllegalArgumentException malformed) {
                // A query that is not validly encoded is left behind rather than answered with an error.
                return org.springframework.web.util.UriComponentsBuilder.fromPath(path)
                        .queryParam("lang", other)
                        .build(true)
                        .toUriString();
            }
        }

        @ModelAttribute
        void language(HttpServletRequest request, Locale locale, Model model) {
            String lang = PortalLocales.language(locale);
            model.addAttribute("lang", lang);
            model.addAttribute("path", request.getRequestURI());
            // The same page in the other language, with what was asked of it (the words typed to find a type of
            // problem, the map's filters), not an empty one.
            model.addAttribute("otherLanguage", inOtherLanguage(request, lang.equals("fr") ? "en" : "fr"));
            // Null where the page is in the catalogue's language: no attribute is written then.
            model.addAttribute("catalogueLang", lang.equals(catalogueLanguage) ? null : catalogueLanguage);
        }
    }
}
