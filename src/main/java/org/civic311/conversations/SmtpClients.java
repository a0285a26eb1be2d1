package org.civic311.conversations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The mail servers allowed to hand mail to the SMTP endpoint: addresses and networks (CIDR), IPv4 or IPv6. With none
 * listed, this machine's own (a mail server beside it, or a tunnel).
 */
record SmtpClients(List<Network> networks) {

    /** A network as a prefix of an address's bits. */
    record Network(InetAddress at, int bits) {

        boolean contains(InetAddress candidate) {
            byte[] address = at.getAddress();
            byte[] given = candidate.getAddress();
            if (given.length != address.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (given[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (given[whole] & mask) == (address[whole] & mask);
        }
    }

    SmtpClients {
        networks = List.copyOf(networks);
    }

    /**
     * @throws IllegalArgumentException naming an entry that is neither an address nor a network, at start
     */
    static SmtpClients of(List<String> listed) {
        return new SmtpClients(listed.stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(SmtpClients::network)
                .toList());
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        // Literal addresses only: a name would be looked up once, and a mail server's address may change.
        if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException(
                    "civic311.inbox.smtp.clients: " + entry + " is not an address or network");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            int most = address.getAddress().length * 8;
            int bits = slash < 0 ? most : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > most) {
                throw new IllegalArgumentException("civic311.inbox.smtp.clients: " + entry + " has no such prefix");
            }
            return new Network(address, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "civic311.inbox.smtp.clients: " + entry + " is not an address or network");
        }
    }

    boolean allows(InetAddress client) {
        if (networks.isEmpty()) {
            return client.isLoopbackAddress();
        }
        return networks.stream().anyMatch(network -> network.contains(client));
    }
}
