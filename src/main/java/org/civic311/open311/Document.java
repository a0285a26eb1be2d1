package org.civic311.open311;

import java.util.List;
import java.util.Map;

/**
 * An Open311 response before it is written: a root element holding either one object or a list of objects.
 *
 * <p>Objects are ordered maps whose values are strings, numbers, booleans, null, nested objects, or lists. In JSON
 * (the Spark convention) the root's name disappears and a list root is a bare array; in XML every list is a container
 * element whose items are named by {@link #itemName(String)}.
 */
record Document(String root, Object body) {

    static Document list(String root, List<? extends Map<String, ?>> items) {
        return new Document(root, items);
    }

    static Document object(String root, Map<String, ?> fields) {
        return new Document(root, fields);
    }

    /** The element name of one item of a list element, as the specification's examples name them. */
    static String itemName(String listName) {
        return switch (listName) {
            case "service_requests" -> "request";
            case "service_request_updates" -> "request_update";
            case "media_urls" -> "media_url";
            case "extended_attributes" -> "extended_attribute";
            default -> listName.endsWith("s") ? listName.substring(0, listName.length() - 1) : listName + "_item";
        };
    }
}
