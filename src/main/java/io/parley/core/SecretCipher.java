package io.parley.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Seals secrets for storage: {@code enc:v1:<base64(12-byte nonce | AES-256-GCM ciphertext and tag)>}. A value
 * without that prefix is a plaintext row from before encryption (issue #15) and is read as it is; owners seal such
 * rows again at start-up ({@link #needsSealing}), and rows sealed under a previous key too.
 */
@Component
@EnableConfigurationProperties(SecretsAtRestProperties.class)
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // used when no key is configured: keeps the format (and the later move to a real key) uniform, protects nothing
    private static final String BUILT_IN_KEY = "parley-built-in-secrets-key-configure-parley.security.encryption-key";

    private final SecretKeySpec current;
    private final List<SecretKeySpec> readable = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final boolean builtIn;

    public SecretCipher(SecretsAtRestProperties properties, Environment environment) {
        this.builtIn = !StringUtils.hasText(properties.encryptionKey());
        this.current = key(builtIn ? BUILT_IN_KEY : properties.encryptionKey());
        readable.add(current);
        properties.previousEncryptionKeys().stream().filter(StringUtils::hasText).map(SecretCipher::key).forEach(readable::add);
        if (!builtIn) {
            readable.add(key(BUILT_IN_KEY)); // rows sealed before a key was configured
        }
        if (builtIn) {
            String warning = "parley.security.encryption-key (PARLEY_ENCRYPTION_KEY) is not set: token signing keys and "
                    + "webhook secrets are stored under a built-in key, which anyone with a database dump can undo. "
                    + "Set it to 32 random bytes in base64 (openssl rand -base64 32).";
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                log.error(warning);
            }
            else {
                log.warn(warning);
            }
        }
    }

    /** Whether no key is configured (the built-in one is used). */
    public boolean usesBuiltInKey() {
        return builtIn;
    }

    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext of a stored value (sealed under the current or a previous key, or a legacy plaintext row). */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        for (SecretKeySpec key : readable) {
            String plaintext = tryOpen(raw, key);
            if (plaintext != null) {
                return plaintext;
            }
        }
        throw new IllegalStateException("A stored secret cannot be decrypted with parley.security.encryption-key or any "
                + "of parley.security.previous-encryption-keys: was the key changed without listing the old one?");
    }

    /** Whether a stored value should be written again: plaintext, or sealed under a key other than the current. */
    public boolean needsSealing(String stored) {
        if (stored == null) {
            return false;
        }
        if (!stored.startsWith(PREFIX)) {
            return true;
        }
        return tryOpen(Base64.getDecoder().decode(stored.substring(PREFIX.length())), current) == null;
    }

    private static String tryOpen(byte[] raw, SecretKeySpec key) {
        if (raw.length <= NONCE_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException wrongKey) {
            return null;
        }
    }

    static SecretKeySpec key(String configured) {
        byte[] bytes = null;
        try {
            byte[] decoded = Base64.getDecoder().decode(configured.trim());
            if (decoded.length == 32) {
                bytes = decoded;
            }
        }
        catch (IllegalArgumentException notBase64) {
            // hashed below
        }
        if (bytes == null) {
            try {
                bytes = MessageDigest.getInstance("SHA-256").digest(configured.getBytes(StandardCharsets.UTF_8));
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        SecretKeySpec spec = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return spec;
    }
}
