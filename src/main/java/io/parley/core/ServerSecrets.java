package io.parley.core;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets generated on first use and kept in the database ({@code server_secret}), so every node and every restart
 * agrees on them: the signing keys of customer and staff tokens.
 */
@Component
public class ServerSecrets {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public ServerSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The named 32-byte secret, created on first use. */
    public byte[] getOrCreate(String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // insert-then-read: two nodes starting at once both end up with whichever key won
        jdbc.sql("insert into server_secret (name, value) values (?, ?) on conflict (name) do nothing")
                .params(name, Base64.getEncoder().encodeToString(bytes)).update();
        return Base64.getDecoder().decode(
                jdbc.sql("select value from server_secret where name = ?").param(name).query(String.class).single());
    }
}
