package org.civic311.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Which city a web request is for when one installation serves several and the caller names none: the host name it
 * was sent to, as {@code civic311.hosts[311.springfield.example]=springfield.gov} says. The residents' portal, the
 * map and an Open311 client without {@code jurisdiction_id} each reach their own city by its own address.
 */
@Component
class CityHosts {

    private final Map<String, String> byHost;

    CityHosts(Environment environment) {
        this.byHost = Binder.get(environment)
                .bind("civic311.hosts", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .entrySet()
                .stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** The city the current web request's host is mapped to; null outside a web request or for an unmapped host. */
    @Nullable
    String current() {
        if (byHost.isEmpty()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web)) {
            return null;
        }
        return byHost.get(web.getRequest().getServerName().toLowerCase(Locale.ROOT));
    }
}
