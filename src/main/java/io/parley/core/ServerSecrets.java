package io.parley.core;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets generated on first use and kept in the database ({@code server_secret}), so every node and every restart
 * agrees on them: the signing keys of customer and staff tokens. Stored sealed by {@link SecretCipher}; rows from
 * before that are sealed on first read.
 */
@Component
public class ServerSecrets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public ServerSecrets(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The named 32-byte secret, created on first use. */
    public byte[] getOrCreate(String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // insert-then-read: two nodes starting at once both end up with whichever key won
        jdbc.sql("insert into server_secret (name, value) values (?, ?) on conflict (name) do nothing")
                .params(name, cipher.seal(Base64.getEncoder().encodeToString(bytes))).update();
        String stored = jdbc.sql("select value from server_secret where name = ?").param(name).query(String.class).single();
        String plaintext = cipher.open(stored);
        if (cipher.needsSealing(stored)) {
            // a plaintext row from before encryption, or one sealed under a previous key; "where value = ?": a node
            // that sealed it meanwhile wins, the value is the same either way
            jdbc.sql("update server_secret set value = ? where name = ? and value = ?")
                    .params(cipher.seal(plaintext), name, stored).update();
        }
        return Base64.getDecoder().decode(plaintext);
    }
}
