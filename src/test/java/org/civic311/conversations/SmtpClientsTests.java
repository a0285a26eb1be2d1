package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpClientsTests {

    static InetAddress at(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void withNoneListedOnlyThisMachineHandsOverMail() throws Exception {
        SmtpClients none = SmtpClients.of(List.of());
        assertThat(none.allows(at("127.0.0.1"))).isTrue();
        assertThat(none.allows(at("::1"))).isTrue();
        assertThat(none.allows(at("203.0.113.9"))).isFalse();
    }

    @Test
    void theListedAddressesAndNetworksHandOverMailAndNoOthers() throws Exception {
        SmtpClients listed = SmtpClients.of(List.of("10.0.4.0/24", " 192.0.2.25 ", "2001:db8::/32"));
        assertThat(listed.allows(at("10.0.4.77"))).isTrue();
        assertThat(listed.allows(at("10.0.5.1"))).isFalse();
        assertThat(listed.allows(at("192.0.2.25"))).isTrue();
        assertThat(listed.allows(at("192.0.2.26"))).isFalse();
        assertThat(listed.allows(at("2001:db8:7::1"))).isTrue();
        assertThat(listed.allows(at("2001:db9::1"))).isFalse();
        assertThat(listed.allows(at("127.0.0.1")))
                .as("listing the servers lists this machine only if it is among them")
                .isFalse();
        assertThat(SmtpClients.of(List.of("10.0.0.0/12")).allows(at("10.15.255.1")))
                .isTrue();
        assertThat(SmtpClients.of(List.of("10.0.0.0/12")).allows(at("10.16.0.1")))
                .isFalse();
    }

    @Test
    void anEntryThatIsNoAddressIsRefusedAtStartNamingIt() {
        assertThatThrownBy(() -> SmtpClients.of(List.of("mail.example.org")))
                .hasMessageContaining("mail.example.org is not an address or network");
        assertThatThrownBy(() -> SmtpClients.of(List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33 has no such prefix");
    }
}
