package io.parley.assistant.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.ParleyApplication;
import io.parley.TestDatabase;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bot reply latency end to end, as a customer feels it: STOMP SEND of the question to the bot's message arriving on
 * the conversation topic, over a real WebSocket, without an LLM. Every English question of the sample set is asked
 * in its own conversation (after a warm-up). Run with {@code ./mvnw -Pbench test -Dtest=BotLatencyBenchmark}.
 */
class BotLatencyBenchmark {

    @Test
    void botReplyLatency() throws Exception {
        Map<String, Object> db = TestDatabase.properties();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                // every benchmark customer starts from 127.0.0.1: the per-address session limit is not what is measured
                "--parley.limits.enabled=false",
                "--parley.knowledge.index-dir=" + Files.createTempDirectory("bench-index")));
        db.forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port);
            List<String> questions = EvalQuestions.read(Path.of("docs/eval/questions.jsonl")).stream()
                    .filter(q -> q.locale().equals("en")).map(EvalQuestion::question).toList();
            String token = api.session(Map.of("locale", "en")).get("token").asString();
            List<Double> millis = new ArrayList<>();
            try (StompTestClient client = StompTestClient.connect(port, token)) {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < questions.size(); i++) {
                        String conversation = api.startConversation(token, null).get("id").asString();
                        client.subscribeToConversation(conversation);
                        long start = System.nanoTime();
                        client.send("/app/conversations/" + conversation + "/messages",
                                Map.of("clientMessageId", "b" + round + "-" + i, "text", questions.get(i)));
                        client.await("/topic/conversations/" + conversation, e -> "message".equals(e.get("type"))
                                && "bot".equals(((Map<?, ?>) ((Map<?, ?>) e.get("message")).get("author")).get("type")));
                        if (round == 1) {
                            millis.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                }
            }
            Collections.sort(millis);
            String line = String.format(Locale.ROOT, "bot reply over WebSocket, %d questions: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                    millis.size(), millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                    millis.get(millis.size() - 1));
            System.out.println(line);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/bot-latency.txt"), line + "\n");
        }
    }
}
