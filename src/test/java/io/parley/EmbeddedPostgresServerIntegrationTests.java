package io.parley;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL as a real database: durable commits, a password instead of trust, and a start that copes
 * with the postmaster a killed process left behind.
 */
class EmbeddedPostgresServerIntegrationTests {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void commitsDurablyAndAsksForTheGeneratedPassword() throws Exception {
        Path dataDir = temp.resolve("pg");
        EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.start(dataDir, 0, STARTUP);
        try (EmbeddedPostgres postgres = started.postgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(url, "postgres", started.password())) {
                assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(c, "fsync")).isEqualTo("on");
                assertThat(setting(c, "full_page_writes")).isEqualTo("on");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
            Path passwordFile = dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(started.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        }
        // the next start uses the stored password
        EmbeddedPostgresServer.Started again = EmbeddedPostgresServer.start(dataDir, 0, STARTUP);
        try (EmbeddedPostgres postgres = again.postgres()) {
            assertThat(again.password()).isEqualTo(started.password());
        }
    }

    @Test
    void aDataDirectoryThatTrustedEveryoneAsksForAPasswordFromNowOn() throws Exception {
        Path dataDir = temp.resolve("old");
        // as earlier versions made it: zonky's initdb -A trust
        EmbeddedPostgres.builder().setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false).setPGStartupWait(STARTUP)
                .start().close();
        EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.start(dataDir, 0, STARTUP);
        try (EmbeddedPostgres postgres = started.postgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close()).isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url, "postgres", started.password())) {
                assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            }
        }
    }

    @Test
    void theOrphanOfAKilledProcessIsStoppedAndItsCommittedDataKept() throws Exception {
        Path dataDir = temp.resolve("orphan");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // the child's log
            }
            assertThat(line).as("the child started its server").startsWith("READY");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessHandle orphan = EmbeddedPostgresServer.postmaster(dataDir).orElseThrow();
            assertThat(orphan.isAlive()).as("the postmaster outlived its JVM").isTrue();

            EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.start(dataDir, 0, STARTUP);
            try (EmbeddedPostgres postgres = started.postgres();
                    Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                            started.password());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select note from survivor")) {
                assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
                assertThat(EmbeddedPostgresServer.postmaster(dataDir).map(ProcessHandle::pid)).isPresent()
                        .hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(orphan.pid()));
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("committed before the crash");
            }
        }
        finally {
            child.destroyForcibly();
            // never leave a server behind, whatever failed
            EmbeddedPostgresServer.postmaster(dataDir).ifPresent(ProcessHandle::destroy);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("show " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
