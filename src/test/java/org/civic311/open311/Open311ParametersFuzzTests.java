package org.civic311.open311;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.common.InvalidInputException;

/**
 * Coverage-guided fuzzing of how Open311 reads a client's parameters (a POST's fields and a search's filters): any
 * names and values end in a value or in a refusal naming the parameter, which the API answers with 400, never in
 * another exception, which it would answer with 500.
 */
class Open311ParametersFuzzTests {

    private static final Jurisdiction CITY = new Jurisdiction(
            "city.test",
            "Test City",
            ZoneId.of("America/Toronto"),
            null,
            null,
            List.of(new RequestStatus("open", "Open", false, true), new RequestStatus("closed", "Closed", true, false)),
            BusinessCalendar.weekdays());

    private static final List<String> NAMES = List.of(
            "service_code",
            "lat",
            "long",
            "address_string",
            "address_id",
            "email",
            "phone",
            "description",
            "media_url",
            "status",
            "start_date",
            "end_date",
            "service_request_id",
            "page",
            "page_size",
            "bbox",
            "updated_after",
            "extensions",
            "attribute[POTHOLE_SIZE]",
            "attribute[KINDS][]");

    @FuzzTest(maxDuration = "10s")
    void anyParametersAreReadOrRefusedNamingTheParameter(FuzzedDataProvider data) {
        Map<String, String[]> values = new HashMap<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(40);
            String[] given = new String[data.consumeInt(1, 3)];
            for (int v = 0; v < given.length; v++) {
                given[v] = data.consumeString(60);
            }
            values.put(name, given);
        }
        Parameters params = new Parameters(values);
        try {
            params.text("description");
            params.decimal("lat");
            params.decimal("long");
            params.attributes();
            params.flag("extensions");
            params.list("service_request_id");
            SearchParameters.read(params, CITY, Instant.parse("2026-11-22T12:00:00Z"));
        } catch (InvalidInputException refused) {
            if (refused.field() == null || refused.field().isBlank()) {
                throw new AssertionError("a refusal must name the parameter", refused);
            }
        }
    }
}
