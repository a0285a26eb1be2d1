package org.civic311.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Catalogue data held in memory for a short while. Every request reads the catalogue several times and it changes a
 * few times a year; a change made here is seen at once, and one made by another instance within the time to live.
 */
final class Remembered<K, V> {

    private record Entry<V>(V value, long loadedAt) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    // Moves on at each forget(), so that a load begun before a change is not remembered after it.
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final long ttlNanos;
    private final Function<K, V> loader;

    Remembered(Duration ttl, Function<K, V> loader) {
        this.ttlNanos = ttl.toNanos();
        this.loader = loader;
    }

    V get(K key) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry == null || now - entry.loadedAt() > ttlNanos) {
            long before = generation.get();
            entry = new Entry<>(loader.apply(key), now);
            if (generation.get() == before) {
                entries.put(key, entry);
            }
        }
        return entry.value();
    }

    void forget() {
        generation.incrementAndGet();
        entries.clear();
    }
}
