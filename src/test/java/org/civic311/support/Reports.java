package org.civic311.support;

import java.util.List;
import java.util.Map;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;

/** Reports made as a resident's arrive, for tests that need a request to look at, follow or update. */
public final class Reports {

    private Reports() {}

    /** An anonymous web report of graffiti on the litter bin at 1033 Queen St W; its tracking number. */
    public static String binTagged(ServiceRequests requests, String description) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                        description,
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }
}
