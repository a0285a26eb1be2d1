package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

@Civic311Test
class GeocoderTests {

    @Autowired
    Gazetteer gazetteer;

    @Test
    void theGazetteerFindsIntersectionsInEitherOrderWithOrWithoutStreetTypes() {
        var expected =
                gazetteer.locate("toronto.ca", "Quilter Rd / Burnett Ave").orElseThrow();
        assertThat(expected.latitude()).isCloseTo(43.7631, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(gazetteer.locate("toronto.ca", "Burnett Avenue / Quilter Road"))
                .contains(expected);
        assertThat(gazetteer.locate("toronto.ca", "quilter and burnett")).contains(expected);
        assertThat(gazetteer.locate("toronto.ca", "Nowhere St / Imaginary Ave")).isEmpty();
    }

    @Test
    void anAddressMatchesWhateverItsCaseAndAbbreviations() {
        assertThat(gazetteer.locate("toronto.ca", "30 Elm Avenue")).isPresent();
        assertThat(gazetteer.locate("toronto.ca", "30 ELM AVE."))
                .isEqualTo(gazetteer.locate("toronto.ca", "30 elm ave"));
    }

    @Test
    void aNominatimCompatibleServiceCanStandInForTheGazetteer() throws Exception {
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer nominatim = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nominatim.createContext("/search", exchange -> {
            queries.add(java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            byte[] body =
                    "[{\"place_id\":1,\"lat\":\"43.6452\",\"lon\":\"-79.3806\",\"display_name\":\"Union Station\"}]"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        nominatim.start();
        try {
            var geocoder = new NominatimGeocoder(
                    "http://127.0.0.1:" + nominatim.getAddress().getPort(),
                    "Toronto, Ontario, Canada",
                    JsonMapper.builder().build());
            var position = geocoder.locate("toronto.ca", "Front St W / Bay St").orElseThrow();
            assertThat(position.latitude()).isEqualTo(43.6452);
            assertThat(queries.getFirst())
                    .contains("q=Front St W & Bay St, Toronto, Ontario, Canada")
                    .contains("format=jsonv2");
        } finally {
            nominatim.stop(0);
        }
    }
}
