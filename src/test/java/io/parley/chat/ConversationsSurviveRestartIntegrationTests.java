package io.parley.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.parley.ParleyApplication;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the application the way a newcomer does (no datasource configured, so the embedded PostgreSQL with its
 * data directory), chats, stops it, starts it again: everything is still there.
 */
class ConversationsSurviveRestartIntegrationTests {

    @Test
    void conversationsAndMessagesSurviveARestart(@TempDir Path dataDir) {
        Path postgresData = dataDir.resolve("postgres");
        String visitorId;
        String threadId;
        try (ConfigurableApplicationContext app = start(postgresData)) {
            Api api = new Api(port(app));
            JsonNode session = api.session(Map.of("name", "Persistent Pat"));
            visitorId = session.get("visitorId").asString();
            String token = session.get("token").asString();
            threadId = api.startConversation(token, "Will this survive?").get("id").asString();
            api.post("/api/widget/conversations/" + threadId + "/messages", token, Map.of("clientMessageId", "1", "text", "before restart"));
            api.startConversation(token, "A second thread");
        }
        assertThat(Files.exists(postgresData.resolve("postgresql.conf"))).isTrue();

        try (ConfigurableApplicationContext app = start(postgresData)) {
            Api api = new Api(port(app));
            String token = api.session(Map.of("visitorId", visitorId)).get("token").asString();

            JsonNode threads = api.get("/api/widget/conversations", token).json();
            assertThat(threads).hasSize(2);
            JsonNode messages = api.get("/api/widget/conversations/" + threadId + "/messages?after=0", token).json();
            assertThat(messages.get("messages")).extracting(m -> m.get("text").asString()).containsExactly("before restart");

            // seqs continue where they stopped
            JsonNode next = api.post("/api/widget/conversations/" + threadId + "/messages", token,
                    Map.of("clientMessageId", "2", "text", "after restart")).json();
            assertThat(next.get("message").get("seq").asLong()).isEqualTo(2);
        }
    }

    private static ConfigurableApplicationContext start(Path postgresData) {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run("--server.port=0", "--parley.database.embedded-data-dir=" + postgresData, "--parley.assistant.enabled=false",
                        "--parley.knowledge.index-dir=" + postgresData.resolveSibling("index"));
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
