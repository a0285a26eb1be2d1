package org.civic311.open311;

import org.civic311.catalog.ServiceAttribute;

/** The parameter names of the specification for the fields the catalogue and requests modules name in refusals. */
final class Open311Names {

    private Open311Names() {}

    static String parameter(String field) {
        if (field.startsWith(ServiceAttribute.ANSWERS)) {
            return "attribute[" + field.substring(ServiceAttribute.ANSWERS.length()) + "]";
        }
        return switch (field) {
            case "jurisdiction" -> "jurisdiction_id";
            case "serviceCode" -> "service_code";
            case "latitude" -> "lat";
            case "longitude" -> "long";
            case "point" -> "lat/long";
            case "address" -> "address_string";
            case "addressId" -> "address_id";
            case "firstName" -> "first_name";
            case "lastName" -> "last_name";
            case "deviceId" -> "device_id";
            case "accountId" -> "account_id";
            case "mediaUrl" -> "media_url";
            default -> field;
        };
    }
}
