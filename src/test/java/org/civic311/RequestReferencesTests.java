package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.civic311.common.RequestReference;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/** What a resident or a client quotes of a failure leads to the log lines that explain it. */
@Civic311Test
@ExtendWith(OutputCaptureExtension.class)
class RequestReferencesTests {

    @LocalServerPort
    int port;

    @AfterEach
    void forget() {
        MDC.clear();
    }

    @Test
    void everyAnswerNamesItsRequestAndAProxysReferenceIsKeptOnlyIfItIsPlainlyOne() {
        Http.Response page = new Http(port).get("/requests/NOT-A-NUMBER");
        assertThat(page.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{12}"));
        assertThat(new Http(port)
                        .header("X-Request-Id", "lb-7f3a-2291")
                        .get("/open311/v2/services.json")
                        .headers()
                        .firstValue("X-Request-Id"))
                .as("one reference follows a call through the load balancer")
                .hasValue("lb-7f3a-2291");
        assertThat(RequestReference.of("<script>alert(1)</script>"))
                .as("what goes into logs and pages is an identifier, never what was sent")
                .matches("[0-9a-f]{12}");
        assertThat(RequestReference.of("x".repeat(65))).matches("[0-9a-f]{12}");
        assertThat(RequestReference.of(null)).isNotEqualTo(RequestReference.of(null));
    }

    @Test
    void theLogLinesWrittenWhileARequestIsAnsweredCarryItsReferenceAndOthersNone(CapturedOutput output) {
        var log = LoggerFactory.getLogger(RequestReferencesTests.class);
        MDC.put(RequestReference.LOG_KEY, "ab12cd34ef56");
        log.warn("while answering");
        MDC.remove(RequestReference.LOG_KEY);
        log.warn("between requests");

        assertThat(output.getOut()).containsPattern("\\[ab12cd34ef56\\] .*while answering");
        assertThat(output.getOut().lines().filter(l -> l.contains("between requests")))
                .singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("[]"));
    }

    @Test
    void aFailureNoHandlerAnsweredKeepsItsReferenceForTheServersLogAndItsErrorPage() throws Exception {
        var filter = new RequestReferences();
        var request = new MockHttpServletRequest("POST", "/report/SWLMALB-02");
        var response = new MockHttpServletResponse();
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
                    seen.add(MDC.get(RequestReference.LOG_KEY));
                    throw new IllegalStateException("a bug");
                }))
                .hasMessage("a bug");
        String reference = seen.getFirst();
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(reference);
        assertThat(MDC.get(RequestReference.LOG_KEY))
                .as("the server logs the failure after the filter returns")
                .isEqualTo(reference);

        // The server then renders its error page in a second dispatch of the same request.
        request.setDispatcherType(DispatcherType.ERROR);
        filter.doFilter(request, response, (req, res) -> seen.add(MDC.get(RequestReference.LOG_KEY)));
        assertThat(seen.getLast()).isEqualTo(reference);
        assertThat(MDC.get(RequestReference.LOG_KEY))
                .as("and lets go once it is answered")
                .isNull();
        assertThat(new RequestReferences.OnErrorPages()
                        .getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults())
                        .get("reference"))
                .as("the page tells the resident what to quote")
                .isEqualTo(reference);
        MDC.put(RequestReference.LOG_KEY, reference);
        assertThat(RequestReference.quoted("please try again"))
                .as("an API's error says it too")
                .isEqualTo("please try again (reference " + reference + ")");
    }
}
