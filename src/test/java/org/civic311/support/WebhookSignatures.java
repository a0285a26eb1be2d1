package org.civic311.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook calls as the providers do, for tests that act as Twilio or X from another package. */
public final class WebhookSignatures {

    private WebhookSignatures() {}

    /** Twilio: HMAC-SHA1 of the URL followed by each parameter's name and value in name order. */
    public static String twilio(String authToken, String url, Map<String, String> form) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> signed.append(name).append(value));
        return Base64.getEncoder()
                .encodeToString(hmac("HmacSHA1", authToken, signed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** X: {@code sha256=} and the HMAC-SHA256 of the body with the consumer secret. */
    public static String x(String consumerSecret, byte[] body) {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac("HmacSHA256", consumerSecret, body));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(payload);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
