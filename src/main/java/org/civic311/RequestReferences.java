package org.civic311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.civic311.common.RequestReference;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request its {@link RequestReference}: in the log lines written while it is answered, in the response
 * header, and on the error page. Outermost of all filters, so that every line about the request carries it.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestReferences extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestReferences.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The error page is rendered in a second dispatch of the same request: it keeps the first one's reference.
        String reference = request.getAttribute(ATTRIBUTE) instanceof String kept
                ? kept
                : RequestReference.of(request.getHeader(RequestReference.HEADER));
        request.setAttribute(ATTRIBUTE, reference);
        MDC.put(RequestReference.LOG_KEY, reference);
        if (!response.isCommitted()) {
            response.setHeader(RequestReference.HEADER, reference);
        }
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // A failure no handler answered is logged by the server once this filter has returned, and its error page
            // dispatched on this thread: the reference stays for both, and a request's next use of the thread
            // replaces it.
            if (!failed) {
                MDC.remove(RequestReference.LOG_KEY);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The reference on the server's error page, for a resident to quote. */
    @Component
    @ConditionalOnWebApplication
    static class OnErrorPages extends DefaultErrorAttributes {

        @Override
        public Map<String, Object> getErrorAttributes(
                WebRequest request, org.springframework.boot.web.error.ErrorAttributeOptions options) {
            Map<String, Object> attributes = super.getErrorAttributes(request, options);
            if (request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof String reference) {
                attributes.put("reference", reference);
            }
            return attributes;
        }
    }
}
