package io.parley.insight.webhook;

import io.parley.core.SignedTokens;

/**
 * The signature receivers check: header {@code X-Parley-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256(endpoint secret, {@code <unix seconds> + "." + <raw request body>}). Receivers recompute it, compare
 * in constant time and reject timestamps older than a few minutes (replays).
 */
final class WebhookSignature {

    static final String HEADER = "X-Parley-Signature";

    private WebhookSignature() {
    }

    static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hex(secret, timestamp, body);
    }

    static String hex(String secret, long timestamp, String body) {
        return SignedTokens.hmacHex(secret, timestamp + "." + body);
    }
}
