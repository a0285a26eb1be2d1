package org.civic311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.civic311.common.DatabaseDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While the database cannot be reached, every page and call answers 503 with Retry-After instead of an error page,
 * whichever layer noticed first (the session store, a screen, a job's query). Outermost, so it sees them all.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseDownFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDownFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseDown.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {}: database unavailable ({})", request.getMethod(), request.getRequestURI(), e.toString());
            unavailable(request, response);
        }
    }

    static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(DatabaseDown.RETRY_AFTER.toSeconds()));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String path = request.getRequestURI();
        if (path.startsWith("/open311/") && path.endsWith(".xml")) {
            response.setContentType("text/xml");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>503</code><description>"
                            + DatabaseDown.MESSAGE + "</description></error></errors>");
        } else if (path.startsWith("/open311/")) {
            response.setContentType("application/json");
            response.getWriter().write("[{\"code\":503,\"description\":\"" + DatabaseDown.MESSAGE + "\"}]");
        } else if (path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/actuator/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":503,\"error\":\"" + DatabaseDown.MESSAGE + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Back soon · Civic311"
                            + "</title><link rel=\"stylesheet\" href=\"/css/civic311.css\"></head><body><main class=\"narrow\">"
                            + "<h1>Back in a moment</h1><p>"
                            + HtmlUtils.htmlEscape(
                                    "311 cannot be reached just now. Nothing you sent was saved: please try again in a minute. For an emergency, call 911.")
                            + "</p></main></body></html>");
        }
        response.flushBuffer();
    }
}
