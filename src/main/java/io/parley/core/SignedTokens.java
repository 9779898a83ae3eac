package io.parley.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact HMAC-signed tokens ({@code payload.signature}, both base64url). Stateless, so any node can check them,
 * and they expire on their own. The payload is {@code subject|expiryEpochSeconds}.
 */
public final class SignedTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;

    public SignedTokens(byte[] key, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("token signing key must be at least 16 bytes");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    public String issue(String subject, Instant expiresAt) {
        if (subject.contains("|")) {
            throw new IllegalArgumentException("subject must not contain '|'");
        }
        byte[] payload = (subject + "|" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    /**
     * @return the id of a valid, unexpired token whose subject is {@code prefix} followed by a UUID (the customer and
     *     staff tokens), empty for anything else
     */
    public Optional<java.util.UUID> verifyId(String token, String prefix) {
        return verify(token).filter(subject -> subject.startsWith(prefix)).flatMap(subject -> {
            try {
                return Optional.of(java.util.UUID.fromString(subject.substring(prefix.length())));
            }
            catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** @return the subject when the signature is valid and the token has not expired */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, hmac(key, payload))) {
                return Optional.empty();
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            long expiry = Long.parseLong(text.substring(bar + 1));
            if (clock.instant().getEpochSecond() >= expiry) {
                return Optional.empty();
            }
            return Optional.of(text.substring(0, bar));
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Hex HMAC-SHA256, the format host applications use for the widget's userHash. */
    public static String hmacHex(String secret, String value) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two hex strings, case-insensitive. */
    public static boolean hexEquals(String expectedHex, String givenHex) {
        if (givenHex == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedHex.toLowerCase().getBytes(StandardCharsets.US_ASCII),
                givenHex.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
