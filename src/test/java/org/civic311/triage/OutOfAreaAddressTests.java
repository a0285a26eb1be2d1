package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** A report placed by its address alone is never refused for a point the geocoder found outside the city. */
@Civic311Test
class OutOfAreaAddressTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressTheGeocoderPlacesOutsideTheCityIsKeptAsGivenWithoutAPoint() {
        String address = "7 Faraway Lane";
        // A namesake far from Toronto, as an external geocoder may answer for a street the city also has.
        jdbc.sql(
                        """
                        insert into gazetteer_entry (jurisdiction_id, key, address, street_key, house_number, latitude,
                            longitude)
                        values ('toronto.ca', :key, :address, 'faraway', 7, 45.4215, -75.6972)
                        on conflict do nothing""")
                .param("key", Gazetteer.normalise(address))
                .param("address", address)
                .update();

        Http.Response filed = new Http(port)
                .postForm(
                        "/open311/v2/requests.json",
                        java.util.List.of(
                                java.util.Map.entry("api_key", "demo-key"),
                                java.util.Map.entry("service_code", "SWLMALB-02"),
                                java.util.Map.entry("address_string", address),
                                java.util.Map.entry("description", "Tags on the bin.")));

        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        String token = JsonMapper.builder()
                .build()
                .readTree(filed.body())
                .get(0)
                .get("token")
                .asString();
        var stored = jdbc.sql("select address, lat from service_request where token = cast(:t as uuid)")
                .param("t", token)
                .query()
                .singleRow();
        assertThat(stored.get("address")).isEqualTo(address);
        assertThat(stored.get("lat")).isNull();
    }
}
