package org.civic311.conversations;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The webhook signatures of the providers, computed as each documents them, and compared in constant time. */
final class Signatures {

    private Signatures() {}

    /** X: {@code sha256=} and the Base64 HMAC-SHA256 of the body (or the CRC token) with the consumer secret. */
    static String x(String consumerSecret, byte[] payload) {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac("HmacSHA256", consumerSecret, payload));
    }

    /**
     * Twilio: the Base64 HMAC-SHA1, with the auth token, of the full URL Twilio called followed by each POST
     * parameter's name and value, sorted by name.
     */
    static String twilio(String authToken, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder()
                .encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
