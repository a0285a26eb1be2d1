package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** When the instance streams as many downloads as it may, the next client is told the server is busy, not blamed. */
class DownloadPlacesTests {

    @Test
    void aDownloadRefusedForTheServersSakeSaysTheServerIsBusy() {
        // One download an hour for each client: a refusal for the server's sake must not use it up.
        PortalLimits limits = new PortalLimits(6, 120, 1, 1);
        MockHttpServletRequest first = new MockHttpServletRequest();
        first.setRemoteAddr("203.0.113.1");
        MockHttpServletRequest second = new MockHttpServletRequest();
        second.setRemoteAddr("203.0.113.2");

        Runnable done = limits.download(first);
        assertThatThrownBy(() -> limits.download(second))
                .isInstanceOf(PortalLimits.TooManyRequests.class)
                .hasMessage("the server is busy with other downloads; try again in a minute");
        done.run();
        assertThat(limits.download(second)).isNotNull();
    }
}
