package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Http;
import org.civic311.support.LimitedClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Creating requests is limited per key and per address, searching per address; the client is told when to retry. */
@LimitedClients
class Open311LimitTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Test
    void anAddressCreatingTooManyRequestsIsToldWhenToComeBackWhileOthersCarryOn() {
        String key = keys.issue("toronto.ca", "Busy app", null, "admin").secret();
        Open311Fixture busy = new Open311Fixture(new Http(port).from("10.1.0.1"));
        for (int i = 0; i < 3; i++) {
            assertThat(busy.postPothole("json", "api_key", key).status()).isEqualTo(200);
        }

        Http.Response limited = busy.postPothole("xml", "api_key", key);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("<code>429</code>").contains("from this address");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        Open311Fixture other = new Open311Fixture(new Http(port).from("10.1.0.2"));
        assertThat(other.postPothole("json", "api_key", key).status()).isEqualTo(200);
    }

    @Test
    void aKeyWithItsOwnLimitIsHeldToItFromEveryAddress() {
        String key = keys.issue("toronto.ca", "Small partner", 2, "admin").secret();
        assertThat(new Open311Fixture(new Http(port).from("10.2.0.1"))
                        .postPothole("json", "api_key", key)
                        .status())
                .isEqualTo(200);
        assertThat(new Open311Fixture(new Http(port).from("10.2.0.2"))
                        .postPothole("json", "api_key", key)
                        .status())
                .isEqualTo(200);

        Http.Response limited = new Open311Fixture(new Http(port).from("10.2.0.3")).postPothole("json", "api_key", key);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("with this api_key");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void searchesAreLimitedPerAddress() {
        Http client = new Http(port).from("10.3.0.1");
        for (int i = 0; i < 4; i++) {
            assertThat(client.get("/open311/v2/requests.json?status=open").status())
                    .isEqualTo(200);
        }

        Http.Response limited = client.get("/open311/v2/requests.json?status=open");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(new Http(port)
                        .from("10.3.0.2")
                        .get("/open311/v2/requests.json")
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/open311/v2/requests/1.json").status())
                .as("a single request is cheap and not limited")
                .isIn(200, 404);
    }
}
