package io.parley;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Under the {@code prod} profile a missing {@code spring.datasource.url} stops the start instead of using ./data. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileIntegrationTests {

    @Test
    void theEmbeddedDatabaseRefusesToStartUnderTheProdProfile(@TempDir Path dir, CapturedOutput output) {
        Path dataDir = dir.resolve("postgres");
        // as command-line arguments: they must win over application.yml, as an operator's would
        SpringApplicationBuilder application = new SpringApplicationBuilder(ParleyApplication.class).profiles("prod");
        String[] args = { "--server.port=0", "--parley.database.embedded-data-dir=" + dataDir,
                "--parley.knowledge.index-dir=" + dir.resolve("index"), "--parley.knowledge.import-on-startup=false" };

        assertThatThrownBy(() -> application.run(args))
                .hasRootCauseInstanceOf(EmbeddedDatabaseConfiguration.EmbeddedDatabaseRefused.class)
                .rootCause().hasMessageContaining("SPRING_DATASOURCE_URL");
        // the failure analyzer's report, not a stack trace, is what the operator reads first
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The embedded PostgreSQL does not start under the 'prod' profile")
                .contains("Point spring.datasource.url at your PostgreSQL server");
        assertThat(Files.exists(dataDir)).as("no embedded server was initialised").isFalse();
    }

    @Test
    void withoutTheProdProfileTheEmbeddedDatabaseStillStartsAnApplication(@TempDir Path dir) {
        // the refusal is for prod only: the trial start on a fresh machine keeps working
        try (var context = new SpringApplicationBuilder(ParleyApplication.class).run("--server.port=0",
                "--parley.database.embedded-data-dir=" + dir.resolve("postgres"),
                "--parley.knowledge.index-dir=" + dir.resolve("index"), "--parley.knowledge.import-on-startup=false")) {
            assertThat(context.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getPort()).isPositive();
            assertThat(Files.exists(dir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        }
    }
}
