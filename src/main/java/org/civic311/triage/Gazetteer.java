package org.civic311.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in geocoder: a jurisdiction's own addresses and intersections with their positions. Addresses match
 * whatever their case, punctuation and abbreviations ("Avenue" or "Ave"); intersections in either order, with or
 * without street types ("Queen and Spadina"); a house number it does not know takes the nearest number on the
 * same street.
 */
@Component
public class Gazetteer implements Geocoder {

    /** An address and its position, as a city's address data gives them. */
    public record Entry(String address, double latitude, double longitude) {}

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("street", "st"),
            Map.entry("avenue", "ave"),
            Map.entry("road", "rd"),
            Map.entry("boulevard", "blvd"),
            Map.entry("drive", "dr"),
            Map.entry("crescent", "cres"),
            Map.entry("crt", "ct"),
            Map.entry("court", "ct"),
            Map.entry("place", "pl"),
            Map.entry("lane", "ln"),
            Map.entry("terrace", "terr"),
            Map.entry("parkway", "pkwy"),
            Map.entry("highway", "hwy"),
            Map.entry("square", "sq"),
            Map.entry("gardens", "gdns"),
            Map.entry("west", "w"),
            Map.entry("east", "e"),
            Map.entry("north", "n"),
            Map.entry("south", "s"));
    private static final java.util.Set<String> TYPES_AND_DIRECTIONS = java.util.Set.of(
            "st", "ave", "rd", "blvd", "dr", "cres", "ct", "pl", "ln", "way", "terr", "pkwy", "hwy", "sq", "gate",
            "gdns", "trl", "cir", "w", "e", "n", "s");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,5})[a-z]? (.+)$");

    private final JdbcClient jdbc;

    Gazetteer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void load(String jurisdictionId, List<Entry> entries) {
        for (Entry entry : entries) {
            for (String key : keys(entry.address())) {
                Matcher numbered = NUMBERED.matcher(normalise(entry.address()));
                jdbc.sql(
                                """
                                insert into gazetteer_entry (jurisdiction_id, key, address, street_key, house_number,
                                    latitude, longitude)
                                values (:j, :key, :address, :street, :number, :lat, :lon)
                                on conflict do nothing""")
                        .param("j", jurisdictionId)
                        .param("key", key)
                        .param("address", entry.address())
                        .param("street", numbered.matches() ? numbered.group(2) : key)
                        .param("number", numbered.matches() ? Integer.valueOf(numbered.group(1)) : null)
                        .param("lat", entry.latitude())
                        .param("lon", entry.longitude())
                        .update();
            }
        }
    }

    /** Distinct addresses that begin with the typed text, ignoring case, in order. */
    public List<Entry> startingWith(String jurisdictionId, String typed, int limit) {
        String pattern = typed.toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        return jdbc.sql(
                        """
                        select distinct on (lower(address)) address, latitude, longitude from gazetteer_entry
                        where jurisdiction_id = :j and lower(address) like :pattern
                        order by lower(address) limit :limit""")
                .param("j", jurisdictionId)
                .param("pattern", pattern)
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getDouble(2), rs.getDouble(3)))
                .list();
    }

    @Override
    public Optional<Position> locate(String jurisdictionId, String address) {
        for (String key : keys(address)) {
            Optional<Position> exact = jdbc.sql(
                            "select latitude, longitude from gazetteer_entry where jurisdiction_id = :j and key = :key")
                    .param("j", jurisdictionId)
                    .param("key", key)
                    .query((rs, n) -> new Position(rs.getDouble(1), rs.getDouble(2)))
                    .optional();
            if (exact.isPresent()) {
                return exact;
            }
        }
        Matcher numbered = NUMBERED.matcher(normalise(address));
        if (numbered.matches()) {
            return jdbc.sql(
                            """
                            select latitude, longitude from gazetteer_entry
                            where jurisdiction_id = :j and street_key = :street and house_number is not null
                            order by abs(house_number - :number) limit 1""")
                    .param("j", jurisdictionId)
                    .param("street", numbered.group(2))
                    .param("number", Integer.parseInt(numbered.group(1)))
                    .query((rs, n) -> new Position(rs.getDouble(1), rs.getDouble(2)))
                    .optional();
        }
        return Optional.empty();
    }

    /**
     * The keys an address is known by: itself normalised; for an intersection, both orders, with and without street
     * types and directions.
     */
    static List<String> keys(String address) {
        String normal = normalise(address);
        if (!normal.contains(" / ")) {
            return List.of(normal);
        }
        String[] streets = normal.split(" / ", 2);
        String[] bare = {bare(streets[0]), bare(streets[1])};
        List<String> keys = new ArrayList<>();
        keys.add(streets[0] + " / " + streets[1]);
        keys.add(streets[1] + " / " + streets[0]);
        keys.add(bare[0] + " / " + bare[1]);
        keys.add(bare[1] + " / " + bare[0]);
        return keys.stream().distinct().toList();
    }

    static String normalise(String address) {
        String lower = address.toLowerCase(Locale.ROOT).replaceAll("\\s*(/|&|\\band\\b)\\s*", " / ");
        String[] words = lower.replaceAll("[^\\p{L}\\p{N}/ ]", " ").trim().split("\\s+");
        return String.join(
                " ",
                Arrays.stream(words).map(w -> ABBREVIATIONS.getOrDefault(w, w)).toList());
    }

    private static String bare(String street) {
        return String.join(
                " ",
                Arrays.stream(street.split(" "))
                        .filter(w -> !TYPES_AND_DIRECTIONS.contains(w))
                        .toList());
    }
}
