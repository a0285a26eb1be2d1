package org.civic311.notifications;

/**
 * How many SMS segments a text takes: 160 characters of the GSM 7-bit alphabet in one segment (153 each when split),
 * or 70 UCS-2 characters (67 each when split) as soon as one character is outside it. Extension characters such as
 * the euro sign take two septets.
 */
final class SmsSegments {

    private static final String GSM =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {}

    static int of(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
                break;
            }
        }
        if (gsm) {
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length(); // UTF-16 code units: what UCS-2 carries
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
