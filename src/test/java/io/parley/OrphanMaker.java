package io.parley;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerIntegrationTests}: starts the embedded server on a data
 * directory, commits a row, says READY and waits to be killed (SIGKILL), leaving its postmaster orphaned.
 */
public final class OrphanMaker {

    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.start(Path.of(args[0]), 0, Duration.ofSeconds(120));
        try (Connection c = started.postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists survivor (note text)");
            s.execute("insert into survivor values ('committed before the crash')");
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
}
