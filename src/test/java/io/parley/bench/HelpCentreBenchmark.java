package io.parley.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyIntegrationTest;
import io.parley.knowledge.KnowledgeSearch;
import io.parley.knowledge.TextEmbeddings;
import jdk.jfr.Recording;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency of the server-rendered help centre over real HTTP (the whole stack: security filters, controller,
 * rendering, the response) against the knowledge base in knowledge-base/: the home page, every article, category
 * pages, search results (first time a question is asked, so its embedding is computed, and asked again), and the
 * sitemap. Sequential requests from one client after a warm-up, and only once the knowledge index is
 * {@code complete} ({@code /actuator/health/knowledge}): a freshly started application fills the passages' vectors
 * in the background ({@code BackgroundVectors}), and timing pages while that thread embeds on the same two cores
 * measures the embedding, not the page.
 * Run: {@code ./mvnw -B -o -Pbench test -Dtest=HelpCentreBenchmark}.
 */
@ParleyIntegrationTest
class HelpCentreBenchmark {

    static final int WARM_UP = 300;
    static final int ROUNDS = 1000;
    static final Pattern ARTICLE_LINK = Pattern.compile("href=\"(/help/en/[a-z0-9-]+)\"");
    static final Pattern TAG_LINK = Pattern.compile("href=\"(/help/en/tags/[^\"]+)\"");
    static final List<String> QUESTIONS = List.of("reset my password", "how do I cancel", "invoice address", "refund",
            "export my data", "invite a teammate", "calendar sync broken", "delete account", "change plan", "api rate limit",
            "github integration", "offline mode", "mobile app not syncing", "file upload fails", "notifications missing",
            "two factor authentication", "guest access", "import from trello", "change email", "failed payment");

    static final String COMPLETE = "complete";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    TextEmbeddings embeddings;
    @Autowired
    KnowledgeSearch search;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesPerSecondAndLatency() throws Exception {
        System.out.println("knowledge index when the application is up: " + knowledgeState());
        long waitStart = System.nanoTime();
        Awaitility.await("knowledge index complete").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> knowledgeState().startsWith(COMPLETE));
        System.out.printf("knowledge index complete after %.1f s more%n", (System.nanoTime() - waitStart) / 1e9);
        String home = get("/help/en");
        List<String> articles = links(ARTICLE_LINK, home);
        List<String> tags = links(TAG_LINK, home);
        assertThat(articles).hasSizeGreaterThan(20);
        for (int i = 0; i < WARM_UP; i++) {
            get(articles.get(i % articles.size()));
            get("/help/en");
            // the search path is compiled like the rest before timing: a server answers searches all day
            get("/help/en/search?q=" + URLEncoder.encode(QUESTIONS.get(i % QUESTIONS.size()) + " w" + i, StandardCharsets.UTF_8));
        }
        System.out.printf("help centre, %d articles, %d categories, %d cores, %s%n", articles.size(), tags.size(),
                Runtime.getRuntime().availableProcessors(), load());
        report("home /help/en", measure(i -> "/help/en"));
        report("article /help/en/{slug}", measure(i -> articles.get(i % articles.size())));
        report("category /help/en/tags/{tag}", measure(i -> tags.get(i % tags.size())));
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add(QUESTIONS.get(i % QUESTIONS.size()) + " " + i); // a new question each time: embedding not cached
        }
        // where a new question's time goes: its embedding alone, the hybrid search (embedding included), the page;
        // each with questions of its own, so no cache answers for another's
        report("  embedding alone, new question", measureCall(200, i -> embeddings.embed(QUESTIONS.get(i % QUESTIONS.size()) + " e" + i, "en")));
        report("  search alone, new question", measureCall(200, i -> search.search(QUESTIONS.get(i % QUESTIONS.size()) + " s" + i, "en", 10)));
        report("search, new question", measure(200, i -> "/help/en/search?q=" + URLEncoder.encode(fresh.get(i), StandardCharsets.UTF_8)));
        // a profile of 200 more new-question pages, after the timing (the sampler slows what it watches)
        Recording profile = profiling();
        measure(200, i -> "/help/en/search?q=" + URLEncoder.encode(fresh.get(i) + " p", StandardCharsets.UTF_8));
        profile.stop();
        java.nio.file.Path jfr = java.nio.file.Path.of("target", "help-search.jfr");
        profile.dump(jfr);
        profile.close();
        System.out.println("profile of 200 new-question search pages: " + jfr.toAbsolutePath()
                + " (jfr print --events jdk.ExecutionSample)");
        report("search, repeated question", measure(i -> "/help/en/search?q="
                + URLEncoder.encode(QUESTIONS.get(i % QUESTIONS.size()), StandardCharsets.UTF_8)));
        report("sitemap.xml", measure(200, i -> "/sitemap.xml"));
        System.out.println("after: " + load());
    }

    /** {@code state (pending passages)} from the public health group. */
    private String knowledgeState() throws Exception {
        JsonNode details = JSON.readTree(get("/actuator/health/knowledge")).get("components").get("knowledgeIndex").get("details");
        return details.get("state").asString() + " (" + details.get("pendingPassages").asInt() + " passages pending)";
    }

    interface Path {
        String at(int i);
    }

    interface Call {
        Object run(int i);
    }

    private static long[] measureCall(int rounds, Call call) {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    /** Java Flight Recorder, method samples every 2 ms (the default profile samples every 10-20 ms). */
    private static Recording profiling() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(2));
        recording.start();
        return recording;
    }

    private long[] measure(Path path) throws Exception {
        return measure(ROUNDS, path);
    }

    private long[] measure(int rounds, Path path) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            get(path.at(i));
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e9;
        System.out.printf("%-32s n=%4d  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %6.0f pages/s%n", what,
                nanos.length, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                nanos.length / total);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static List<String> links(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static String load() throws Exception {
        return "load average " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    }
}
