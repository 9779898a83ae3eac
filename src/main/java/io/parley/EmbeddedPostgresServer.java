package io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL as a database one can trust with data, not as zonky's throw-away test server:
 * <ul>
 * <li>durable commits ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes} on): an acknowledged
 * message survives a power cut;</li>
 * <li>a generated superuser password, kept in the data directory (0600), and password authentication (SCRAM)
 * instead of {@code trust}; a data directory made with {@code trust} by an older version is converted on start;</li>
 * <li>a postmaster left behind by a process that died (kill -9, OOM kill) is found through its {@code postmaster.pid}
 * and our owner file, and stopped before the new start, instead of failing on the lock file.</li>
 * </ul>
 */
final class EmbeddedPostgresServer {

    static final String PASSWORD_FILE = "parley-superuser-password";
    static final String OWNER_FILE = "parley-owner.pid";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private EmbeddedPostgresServer() {
    }

    /** A started server and the password of its superuser. */
    record Started(EmbeddedPostgres postgres, String password) {
    }

    static Started start(Path dataDir, int port, Duration startupWait) {
        try {
            Files.createDirectories(dataDir.getParent() == null ? dataDir : dataDir.getParent());
            stopOrphan(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            String password = readPassword(dataDir).orElseGet(EmbeddedPostgresServer::generatePassword);
            Path initPasswordFile = null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    // the application context stops the server (on SIGTERM too, through Spring's shutdown hook) after
                    // the connection pool has closed; zonky's own hook would stop it underneath in-flight work
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setConnectConfig("password", password)
                    // first start runs initdb; slow disks need more than the 10 s default
                    .setPGStartupWait(startupWait);
            if (fresh) {
                // initdb refuses a non-empty directory, so the password goes through a file beside it, removed after
                initPasswordFile = Files.createTempFile(dataDir.getParent(), ".parley-initdb-", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(initPasswordFile, password);
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", initPasswordFile.toString());
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            }
            finally {
                if (initPasswordFile != null) {
                    Files.deleteIfExists(initPasswordFile);
                }
            }
            writePrivate(dataDir.resolve(PASSWORD_FILE), password);
            requirePasswordAuthentication(postgres, dataDir, password);
            writePrivate(dataDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return new Started(postgres, password);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * A postmaster whose pid file names a live postgres process while no live Parley owns the data directory is an
     * orphan of a process that was killed: it is stopped (fast shutdown, then immediate) so the new start can use the
     * directory. A live owner is a second Parley on the same data: refused.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> owner = pidIn(dataDir.resolve(OWNER_FILE)).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive).filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " is in use by process "
                    + owner.get().pid() + " (another Parley?); stop it or set parley.database.embedded-data-dir");
        }
        long pid = postmaster.get().pid();
        log.warn("Found an orphaned embedded PostgreSQL (pid {}) on {} left by a process that died; stopping it", pid, dataDir);
        signal(pid, "INT");
        if (!waitForExit(postmaster.get(), Duration.ofSeconds(20))) {
            log.warn("The orphaned PostgreSQL {} did not stop within 20 s; stopping it immediately", pid);
            signal(pid, "QUIT");
            if (!waitForExit(postmaster.get(), Duration.ofSeconds(10))) {
                throw new IllegalStateException("Could not stop the orphaned PostgreSQL " + pid + " on " + dataDir);
            }
        }
        log.info("Orphaned PostgreSQL {} stopped; starting afresh (it recovers from its write-ahead log)", pid);
    }

    /** The live postmaster named by the data directory's postmaster.pid, if any. */
    static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        return pidIn(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    }

    private static Optional<Long> pidIn(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL " + pid, e);
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        }
        catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    /**
     * Data directories made before passwords (initdb {@code -A trust}): the superuser gets the password and
     * pg_hba.conf asks for it from now on (reloaded at once).
     */
    private static void requirePasswordAuthentication(EmbeddedPostgres postgres, Path dataDir, String password)
            throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
        boolean trusting = lines.stream().anyMatch(l -> !l.strip().startsWith("#") && l.matches(".*\\btrust\\s*$"));
        if (!trusting) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter role " + USER + " with password '" + password.replace("'", "''") + "'");
            List<String> converted = lines.stream()
                    .map(l -> l.strip().startsWith("#") ? l : l.replaceAll("\\btrust(\\s*)$", "scram-sha-256$1")).toList();
            Files.write(hba, converted, StandardCharsets.UTF_8);
            statement.execute("select pg_reload_conf()");
            log.info("The embedded PostgreSQL now asks for a password (kept in {})", dataDir.resolve(PASSWORD_FILE));
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not set the embedded PostgreSQL's superuser password", e);
        }
    }

    private static Optional<String> readPassword(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                : Optional.empty();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
