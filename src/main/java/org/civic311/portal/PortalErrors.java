package org.civic311.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a resident sees when the portal cannot do what they asked (a mistyped tracking number, a form sent twice, a
 * kind of problem the city no longer takes): the portal's own page in their language, saying what is wrong and where
 * to go next, never a staff screen or the server's bare error page.
 */
@ControllerAdvice(
        assignableTypes = {HomePage.class, TrackingPage.class, RequestMap.class, ReportPages.class, TeamPage.class})
class PortalErrors {

    private final Catalog catalog;
    private final org.springframework.context.MessageSource messages;

    PortalErrors(Catalog catalog, org.springframework.context.MessageSource messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    @ExceptionHandler(PortalProblem.class)
    String localized(
            PortalProblem e, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        // Already in the resident's language: shown as it is, not as the server's English detail.
        model.addAttribute("localized", true);
        if (e.key().startsWith("request.")) {
            // A tracking number not found, or mistyped: asked again, with what was typed to correct.
            String typed = request.getParameter("number");
            model.addAttribute(
                    "number", typed != null ? typed : e.arguments().length > 0 ? String.valueOf(e.arguments()[0]) : "");
        }
        return problem(
                e.status(), messages.getMessage(e.key(), e.arguments(), locale), request, response, locale, model);
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(
            NotFoundException e, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), request, response, locale, model);
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(
            InvalidInputException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request, response, locale, model);
    }

    @ExceptionHandler(PortalLimits.TooManyRequests.class)
    String tooMany(
            PortalLimits.TooManyRequests e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        response.setHeader("Retry-After", String.valueOf(e.waitFor().toSeconds()));
        return problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request, response, locale, model);
    }

    @ExceptionHandler(ResponseStatusException.class)
    String status(
            ResponseStatusException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return problem(
                status == null ? HttpStatus.BAD_REQUEST : status,
                e.getReason() == null ? "" : e.getReason(),
                request,
                response,
                locale,
                model);
    }

    private String problem(
            HttpStatus status,
            String message,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("message", message);
        String lang = PortalLocales.language(locale);
        model.addAttribute("lang", lang);
        model.addAttribute("path", request.getRequestURI());
        // The page's own model is gone with the exception: the switch to the other language is put back.
        model.addAttribute(
                "otherLanguage", PortalLocales.PageLanguage.inOtherLanguage(request, lang.equals("fr") ? "en" : "fr"));
        model.addAttribute("jurisdiction", city());
        return "portal/problem";
    }

    /** The city the page is for; none when an installation serving several cannot tell which the resident means. */
    private org.civic311.catalog.@org.jspecify.annotations.Nullable Jurisdiction city() {
        try {
            return catalog.resolveJurisdiction(null);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
