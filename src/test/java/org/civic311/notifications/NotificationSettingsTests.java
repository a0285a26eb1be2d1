package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Links in messages start with the public address: a wrong one is refused at start, a local one is pointed out. */
class NotificationSettingsTests {

    static NotificationProperties at(String url) {
        return new NotificationProperties(URI.create(url), "311 <311@toronto.ca>", Duration.ofMinutes(10), null);
    }

    @Test
    void anAddressThatIsNotAWebAddressStopsTheStartNamingTheSetting() {
        for (String wrong : new String[] {"311.example.org", "ftp://311.example.org", "https:///requests"}) {
            assertThatThrownBy(() -> at(wrong))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("civic311.notifications.public-url must be the web address")
                    .hasMessageEndingWith("it is " + wrong);
        }
        assertThat(at("HTTPS://311.example.org/").publicUrl().getHost()).isEqualTo("311.example.org");
    }

    @Test
    void aCityWhoseLinksLeadToThisMachineOrWhoseMailComesFromTheDemoIsWarnedAtStartButTheDemoIsNot() {
        assertThat(new NotificationSettingsCheck(at("http://localhost:8080"), false, "smtp.toronto.ca", 587).warnings())
                .singleElement()
                .satisfies(warning -> assertThat(warning)
                        .contains("public-url is http://localhost:8080", "lead to this machine alone"));
        assertThat(new NotificationSettingsCheck(at("http://127.0.0.1:8080"), false, "smtp.toronto.ca", 587).warnings())
                .hasSize(1);
        assertThat(new NotificationSettingsCheck(at("http://localhost:8080"), true, "smtp.toronto.ca", 587).warnings())
                .isEmpty();
        assertThat(new NotificationSettingsCheck(at("https://311.toronto.ca"), false, "smtp.toronto.ca", 587)
                        .warnings())
                .isEmpty();
        NotificationProperties demoSender = new NotificationProperties(
                URI.create("https://311.toronto.ca"),
                NotificationSettingsCheck.DEMO_SENDER,
                Duration.ofMinutes(10),
                null);
        assertThat(new NotificationSettingsCheck(demoSender, false, "smtp.toronto.ca", 587).warnings())
                .singleElement()
                .satisfies(warning -> assertThat(warning).contains("civic311.notifications.from is the demo's sender"));
    }

    @Test
    void aCityWhoseMailGoesToTheDemosMailServerOrToNoneIsWarnedAtStart() {
        NotificationProperties city = at("https://311.toronto.ca");
        assertThat(new NotificationSettingsCheck(city, false, "localhost", 2525).warnings())
                .singleElement()
                .satisfies(warning -> assertThat(warning)
                        .contains("spring.mail.host and spring.mail.port are localhost:2525, the demo's"));
        assertThat(new NotificationSettingsCheck(city, false, "", 25).warnings())
                .hasSize(1);
        assertThat(new NotificationSettingsCheck(city, true, "localhost", 2525).warnings())
                .isEmpty();
        assertThat(new NotificationSettingsCheck(city, false, "localhost", 25).warnings())
                .as("a relay of the city's own on this machine")
                .isEmpty();
    }
}
