package io.parley.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency of the server-rendered help centre over real HTTP (the whole stack: security filters, controller,
 * rendering, the response) against the knowledge base in knowledge-base/: the home page, every article, category
 * pages, search results (first time a question is asked, so its embedding is computed, and asked again), and the
 * sitemap. Sequential requests from one client after a warm-up.
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

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesPerSecondAndLatency() throws Exception {
        String home = get("/help/en");
        List<String> articles = links(ARTICLE_LINK, home);
        List<String> tags = links(TAG_LINK, home);
        assertThat(articles).hasSizeGreaterThan(20);
        for (int i = 0; i < WARM_UP; i++) {
            get(articles.get(i % articles.size()));
            get("/help/en");
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
        report("search, new question", measure(200, i -> "/help/en/search?q=" + URLEncoder.encode(fresh.get(i), StandardCharsets.UTF_8)));
        report("search, repeated question", measure(i -> "/help/en/search?q="
                + URLEncoder.encode(QUESTIONS.get(i % QUESTIONS.size()), StandardCharsets.UTF_8)));
        report("sitemap.xml", measure(200, i -> "/sitemap.xml"));
        System.out.println("after: " + load());
    }

    interface Path {
        String at(int i);
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
