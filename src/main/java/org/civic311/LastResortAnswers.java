package org.civic311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.civic311.common.DatabaseDown;
import org.civic311.common.UnreadableInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers the failures no module answered itself, whichever layer noticed them first (the session store, a screen, a
 * query): while the database cannot be reached, 503 with Retry-After; for input that could not be read or stored as
 * sent, 400 naming the problem. Outermost but for the request's reference, so it sees them all; anything else stays a
 * 500 and is logged.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LastResortAnswers extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LastResortAnswers.class);

    /** The largest file a form may carry, named when one is larger: the servlet refuses it before any module. */
    private final long largestFileMegabytes;

    LastResortAnswers(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize largestFile) {
        this.largestFileMegabytes = Math.max(1, largestFile.toMegabytes());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            var unreadable = UnreadableInput.problem(e);
            if (UnreadableInput.tooLarge(e)) {
                answer(request, response, 413, tooLarge(), tooLargeInFrench());
            } else if (unreadable.isPresent()) {
                answer(request, response, HttpServletResponse.SC_BAD_REQUEST, unreadable.get());
            } else if (DatabaseDown.causedBy(e)) {
                log.warn(
                        "{} {}: database unavailable ({})", request.getMethod(), request.getRequestURI(), e.toString());
                unavailable(request, response);
            } else {
                throw e;
            }
        }
    }

    /** For the APIs; a page for people says it in both the portal's languages. */
    private String tooLarge() {
        return "a file is larger than " + largestFileMegabytes + " MB, the most a photo may be";
    }

    private String tooLargeInFrench() {
        return "un fichier dépasse " + largestFileMegabytes + " Mo, le maximum pour une photo";
    }

    static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", String.valueOf(DatabaseDown.RETRY_AFTER.toSeconds()));
        answer(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseDown.MESSAGE);
    }

    /** The text as a JSON string's contents. */
    static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** The answer in the form the caller reads: Open311's error list, JSON for the APIs, a page for people. */
    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        answer(request, response, status, message, message);
    }

    /** As above, with the message in French for the page people read (only the 413 page says it). */
    private static void answer(
            HttpServletRequest request, HttpServletResponse response, int status, String message, String inFrench)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String path = request.getRequestURI();
        // As the Open311 controllers answer: JSON when the path asks for it, else XML, the specification's own.
        if (path.startsWith("/open311/") && !path.endsWith(".json")) {
            response.setContentType("text/xml");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + status
                            + "</code><description>" + HtmlUtils.htmlEscape(message)
                            + "</description></error></errors>");
        } else if (path.startsWith("/open311/")) {
            response.setContentType("application/json");
            response.getWriter().write("[{\"code\":" + status + ",\"description\":\"" + json(message) + "\"}]");
        } else if (path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/actuator/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + json(message) + "\"}");
        } else {
            // In both the portal's languages, each marked as such: the page cannot know which the resident reads.
            Said english;
            Said french;
            if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
                english = new Said(
                        "Back in a moment",
                        "311 cannot be reached just now. Nothing you sent was saved: please try again in a minute. For an"
                                + " emergency, call 911.");
                french = new Said(
                        "De retour dans un instant",
                        "Le 311 est injoignable pour le moment. Rien de ce que vous avez envoyé n'a été enregistré :"
                                + " réessayez dans une minute. En cas d'urgence, composez le 911.");
            } else if (status == 413) {
                english = new Said(
                        "Too large",
                        "Nothing was saved: " + message + ". Your form is still filled in when you go back: choose a"
                                + " smaller photo, or send it without one.");
                french = new Said(
                        "Trop volumineux",
                        "Rien n'a été enregistré : " + inFrench + ". Votre formulaire est toujours rempli quand vous"
                                + " revenez en arrière : choisissez une photo plus petite, ou envoyez-le sans photo.");
            } else {
                english = new Said(
                        "That could not be read",
                        "Nothing was saved: " + message
                                + ". Please go back, check what you entered and send it again.");
                french = new Said(
                        "Illisible",
                        "Rien n'a été enregistré : ce qui a été envoyé n'a pas pu être lu. Revenez en arrière, vérifiez"
                                + " ce que vous avez saisi et envoyez-le de nouveau.");
            }
            response.setContentType("text/html");
            response.getWriter()
                    // Sized for the phone most residents report from.
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                            + HtmlUtils.htmlEscape(english.heading(), "UTF-8")
                            + " · Civic311</title><link rel=\"stylesheet\" href=\"/css/civic311.css\"></head>"
                            + "<body><main class=\"narrow\"><h1>" + HtmlUtils.htmlEscape(english.heading(), "UTF-8")
                            + "</h1><p>" + HtmlUtils.htmlEscape(english.text(), "UTF-8")
                            + "</p><section lang=\"fr\"><h2>"
                            + HtmlUtils.htmlEscape(french.heading(), "UTF-8") + "</h2><p>"
                            + HtmlUtils.htmlEscape(french.text(), "UTF-8") + "</p></section>" + backTo(path)
                            + "</main></body></html>");
        }
        response.flushBuffer();
    }

    private record Said(String heading, String text) {}

    /**
     * On a staff screen, a way back to the page the form was on (a request's, from its photo form): staff on a tablet
     * in the street have no Back button they can trust after a failed send. Nothing on the portal's pages, where Back
     * keeps the resident's form filled in.
     */
    private static String backTo(String path) {
        int last = path.lastIndexOf('/');
        if (!path.startsWith("/staff/") || last <= "/staff".length()) {
            return "";
        }
        String page = path.substring(0, last);
        return "<p><a href=\"" + HtmlUtils.htmlEscape(page, "UTF-8") + "\">Back to the page</a></p>";
    }
}
