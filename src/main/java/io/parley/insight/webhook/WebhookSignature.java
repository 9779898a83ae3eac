package io.parley.insight.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.parley.core.SignedTokens;

/**
 * The signatures receivers check. Two, so receivers can pick:
 * <ul>
 * <li>Parley's own (kept for existing receivers): {@code X-Parley-Signature: t=<unix seconds>,v1=<hex>} where the hex
 * is HMAC-SHA256(endpoint secret, {@code <unix seconds> + "." + <raw request body>});</li>
 * <li>the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature: v1,<base64>} where the base64 is HMAC-SHA256(key,
 * {@code <id>.<timestamp>.<body>}) and the key is the secret after {@code whsec_}, base64-decoded (as its libraries
 * expect), or the secret's UTF-8 bytes for a secret an admin chose in another form.</li>
 * </ul>
 * Receivers compare in constant time and reject timestamps older than a few minutes (replays).
 */
final class WebhookSignature {

    static final String HEADER = "X-Parley-Signature";
    static final String PREFIX = "whsec_";

    private WebhookSignature() {
    }

    static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hex(secret, timestamp, body);
    }

    static String hex(String secret, long timestamp, String body) {
        return SignedTokens.hmacHex(secret, timestamp + "." + body);
    }

    /** The {@code webhook-signature} header value of the Standard Webhooks specification. */
    static String standard(String secret, String id, long timestamp, String body) {
        byte[] mac = SignedTokens.hmac(standardKey(secret), (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    static byte[] standardKey(String secret) {
        if (secret.startsWith(PREFIX)) {
            String encoded = secret.substring(PREFIX.length());
            for (Base64.Decoder decoder : new Base64.Decoder[] { Base64.getDecoder(), Base64.getUrlDecoder() }) {
                try {
                    byte[] key = decoder.decode(encoded);
                    if (key.length >= 16) {
                        return key;
                    }
                }
                catch (IllegalArgumentException notThisAlphabet) {
                    // try the next
                }
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
