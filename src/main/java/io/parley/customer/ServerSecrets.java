package io.parley.customer;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Secrets generated on first use and kept in the database, so every node and every restart agrees on them. */
@Component
class ServerSecrets {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ServerSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String getOrCreate(String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        jdbc.sql("insert into server_secret (name, value) values (?, ?) on conflict (name) do nothing")
                .params(name, Base64.getEncoder().encodeToString(bytes)).update();
        return jdbc.sql("select value from server_secret where name = ?").param(name).query(String.class).single();
    }
}
