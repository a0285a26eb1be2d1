package org.civic311.open311;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civic311.common.RateLimit;
import org.springframework.stereotype.Component;

/**
 * How much each client may ask: creating requests is limited per key and per address (a leaked key cannot flood the
 * queues, nor can one address holding many keys), and searches, the expensive reads, per address. A key an
 * administrator gave more than an address may send (a vendor's server) is held to its own limit alone.
 */
@Component
class Open311Limits {

    private final Open311Properties properties;
    private final RateLimit postsPerAddress;
    private final RateLimit searchesPerAddress;
    /** One limit for each rate in use: most keys share the default, a few have their own. */
    private final Map<Integer, RateLimit> postsPerKey = new ConcurrentHashMap<>();

    Open311Limits(Open311Properties properties) {
        this.properties = properties;
        this.postsPerAddress = RateLimit.perMinute(properties.postsPerMinutePerAddress());
        this.searchesPerAddress = RateLimit.perMinute(properties.searchesPerMinutePerAddress());
    }

    void post(ApiKey key, String address) {
        int rate = key.callsPerMinute() == null ? properties.postsPerMinutePerKey() : key.callsPerMinute();
        postsPerKey
                .computeIfAbsent(rate, RateLimit::perMinute)
                .take(String.valueOf(key.id()))
                .ifPresent(wait -> {
                    throw Open311Exception.tooMany("requests created with this api_key", wait);
                });
        if (key.callsPerMinute() != null && key.callsPerMinute() > properties.postsPerMinutePerAddress()) {
            // An administrator gave this client more than an address may send: a vendor's server, whose residents'
            // reports all come from its one address. Its key's own limit holds instead.
            return;
        }
        postsPerAddress.take(address).ifPresent(wait -> {
            throw Open311Exception.tooMany("requests created from this address", wait);
        });
    }

    void search(String address) {
        searchesPerAddress.take(address).ifPresent(wait -> {
            throw Open311Exception.tooMany("searches from this address", wait);
        });
    }
}
