package io.parley.core;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption of stored secrets ({@code parley.security.*}): token signing keys and webhook secrets are kept in
 * PostgreSQL encrypted with AES-256-GCM under this key, so a database dump or backup alone does not let anyone
 * forge tokens or webhook signatures.
 *
 * @param encryptionKey the key: 32 bytes in base64 (e.g. {@code openssl rand -base64 32}); any other text is hashed
 *     to 32 bytes with SHA-256. Empty: a built-in key (no protection; a WARN on every start, an ERROR under the
 *     {@code prod} profile)
 * @param previousEncryptionKeys keys used before (rotation): values sealed under them are still read, and sealed
 *     again under {@code encryptionKey} at start-up
 */
@ConfigurationProperties("parley.security")
public record SecretsAtRestProperties(String encryptionKey, List<String> previousEncryptionKeys) {

    public SecretsAtRestProperties {
        previousEncryptionKeys = previousEncryptionKeys == null ? List.of() : List.copyOf(previousEncryptionKeys);
    }
}
