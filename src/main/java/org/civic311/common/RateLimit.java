package org.civic311.common;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * So many calls per period for each client (an address, an API key, a user name). Each instance counts on its own:
 * behind a load balancer a client gets the limit once per instance, which is enough to stop a flood and never blocks
 * a real resident. Only the clients seen most recently are remembered; a forgotten client starts with a full bucket.
 * Failed staff sign-ins, where each try is a guess, are counted in the database instead, across instances.
 */
public final class RateLimit {

    static final int MAX_CLIENTS = 100_000;

    private final long calls;
    private final Duration period;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    });

    private RateLimit(long calls, Duration period) {
        if (calls < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one call in a positive period");
        }
        this.calls = calls;
        this.period = period;
    }

    /**
     * The client an address stands for: an IPv4 address itself, an IPv6 address's /64 network, which one home or
     * server is given whole (counting each of its 2^64 addresses apart would count nothing).
     */
    public static String clientOf(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder network = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                network.append(String.format("%02x", bytes[i]));
            }
            return network.append("::/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    public static RateLimit perMinute(long calls) {
        return new RateLimit(calls, Duration.ofMinutes(1));
    }

    public static RateLimit perHour(long calls) {
        return new RateLimit(calls, Duration.ofHours(1));
    }

    public static RateLimit per(long calls, Duration period) {
        return new RateLimit(calls, period);
    }

    /**
     * Takes one call from the client's allowance.
     *
     * @return empty when the call may go ahead, otherwise how long the client must wait (at least a second, which is
     *     what a Retry-After header can say)
     */
    public Optional<Duration> take(String client) {
        var probe = buckets.computeIfAbsent(client, c -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(calls)
                                .refillGreedy(calls, period)
                                .build())
                        .build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(
                Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1)));
    }

    /** Returns a call taken, as for a sign-in that turned out right. */
    public void giveBack(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Forgets the client's calls, as after a successful sign-in. */
    public void forget(String client) {
        buckets.remove(client);
    }
}
