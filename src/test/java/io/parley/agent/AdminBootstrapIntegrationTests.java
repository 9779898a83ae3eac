package io.parley.agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyApplication;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start the way a newcomer does it (fresh embedded database, no admin password configured): the generated
 * admin password is printed once and works; a restart with a different configured password keeps the stored one.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapIntegrationTests {

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void theFirstStartPrintsAGeneratedAdminPasswordOnceAndARestartKeepsIt(@TempDir Path dataDir, CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext app = start(dataDir, "")) {
            String log = output.getAll();
            assertThat(log).doesNotContain("Using generated security password");
            assertThat(log).contains("Parley created its first admin account").contains("email:    admin@parley.local");
            Matcher matcher = PASSWORD.matcher(log.substring(log.indexOf("Parley created its first admin account")));
            assertThat(matcher.find()).isTrue();
            password = matcher.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            Api api = new Api(port(app));
            assertThat(api.post("/api/auth/login", null, Map.of("email", "admin@parley.local", "password", password)).status())
                    .isEqualTo(200);
        }
        int printedBefore = output.getAll().split("Parley created its first admin account", -1).length - 1;

        try (ConfigurableApplicationContext app = start(dataDir, "a-different-password")) {
            String log = output.getAll();
            assertThat(log.split("Parley created its first admin account", -1).length - 1).isEqualTo(printedBefore);
            assertThat(log).contains("differs from the stored password of admin@parley.local; the stored password is kept");
            assertThat(log).doesNotContain("a-different-password");
            Api api = new Api(port(app));
            assertThat(api.post("/api/auth/login", null, Map.of("email", "admin@parley.local", "password", password)).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/auth/login", null,
                    Map.of("email", "admin@parley.local", "password", "a-different-password")).status()).isEqualTo(401);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String adminPassword) {
        return new SpringApplicationBuilder(ParleyApplication.class).run("--server.port=0",
                "--parley.database.embedded-data-dir=" + dataDir.resolve("postgres"),
                "--parley.agent.admin-email=admin@parley.local", "--parley.agent.admin-password=" + adminPassword);
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
