package io.parley.assistant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.assistant.calibration.CalibratedPolicy;
import io.parley.assistant.calibration.SelfCalibration;
import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.Article;
import io.parley.knowledge.ArticleInput;
import io.parley.knowledge.ArticleStatus;
import io.parley.knowledge.Articles;
import io.parley.knowledge.Editor;
import io.parley.knowledge.KnowledgeSearch;
import io.parley.knowledge.index.SearchResult;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing articles refits the decision in the background (debounced) for their locale, the refit is stored and
 * shown on {@code GET /api/assistant/calibration} (staff only), and it moves a borderline question across the line:
 * the bot decides with the knowledge base's own calibration, not the prior alone.
 */
@ParleyIntegrationTest
// fewer probes than the default: each refit of the sample knowledge base (four locales) stays short on a busy machine
@TestPropertySource(properties = { "parley.test.calibration-debounce=300ms", "parley.assistant.calibration.max-probes=240",
        "parley.assistant.calibration.enabled=true" })
class SelfCalibrationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Articles articles;

    @Autowired
    KnowledgeSearch search;

    @Autowired
    SelfCalibration calibration;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.parley.assistant.decision.BotDecision botDecision;

    private final List<UUID> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(id -> articles.delete(id, Editor.system("test")));
        // later test contexts in this JVM load stored calibrations: leave none behind
        jdbc.update("delete from assistant_calibration");
    }

    @Test
    void publishingArticlesRefitsTheirLocaleAndChangesABorderlineDecision() throws Exception {
        Api api = new Api(port);
        String staff = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Instant before = Instant.now();

        List<String[]> topics = publishNlArticles(14);

        JsonNode nl = awaitLocale(api, staff, "nl", before);
        assertThat(nl.get("source").asString()).isEqualTo("self");
        assertThat(nl.get("family").asString()).isEqualTo("lexical");
        assertThat(nl.get("probes").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(nl.get("probePrecision").asDouble()).isGreaterThanOrEqualTo(0.95);
        // stored with the index's model, for the next start (a refit in progress may be rewriting it: read until seen)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from assistant_calibration where locale = 'nl' and source = 'self'",
                        Integer.class)).isEqualTo(1));

        // the same search results, decided by the prior alone and by the calibration now in force
        CalibratedPolicy calibrated = calibration.policy();
        CalibratedPolicy priorOnly = new CalibratedPolicy(calibrated.prior(), Map.of());
        String changed = null;
        String calibratedAction = null;
        for (String[] t : topics) {
            for (String q : List.of(t[0] + " " + t[1], t[0] + " en " + t[2] + " voor mijn account", t[1] + " " + t[3] + " werkt niet")) {
                SearchResult r = search.search(q, "nl", 10);
                String a = action(priorOnly.decide(q, r));
                String b = action(calibrated.decide(q, r));
                if (!a.equals(b) && b.equals("answer") || !a.equals(b) && changed == null) {
                    changed = q;
                    calibratedAction = b;
                }
            }
        }
        assertThat(changed).as("a question the knowledge base's calibration decides differently from the prior").isNotNull();

        // and the bot's own decision (the one the chat's planner and the preview call) is the calibrated one
        AnswerDecision.Decision bot = botDecision.decide(changed, search.search(changed, "nl", 10));
        assertThat(action(bot)).isEqualTo(calibratedAction);
    }

    @Test
    void theCalibrationIsForStaffOnly() {
        Api api = new Api(port);
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/assistant/calibration", customer).status()).isEqualTo(403);
        assertThat(api.get("/api/assistant/calibration", null).status()).isEqualTo(401);

        String staff = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Api.Response ok = api.get("/api/assistant/calibration", staff);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode body = ok.json();
        assertThat(body.get("targetPrecision").asDouble()).isEqualTo(0.95);
        assertThat(body.get("prior").get("vectorThreshold").asDouble()).isBetween(0.0, 1.0);
        assertThat(body.get("prior").get("lexicalThreshold").asDouble()).isBetween(0.0, 1.0);
    }

    private static String action(AnswerDecision.Decision d) {
        return d instanceof AnswerDecision.Answered ? "answer" : d instanceof AnswerDecision.Clarify ? "clarify" : "handoff";
    }

    /** Articles on made-up topics, each with its own words, three sections of plain sentences. */
    private List<String[]> publishNlArticles(int n) {
        Random random = new Random(42);
        String run = Long.toString(System.nanoTime(), 36);
        String[] filler = {"de", "het", "een", "je", "kunt", "in", "op", "met", "van", "voor", "wordt", "naar", "bij", "als"};
        List<String[]> topics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] words = new String[8];
            for (int w = 0; w < words.length; w++) {
                words[w] = pseudoWord(random);
            }
            topics.add(words);
            StringBuilder body = new StringBuilder();
            for (int s = 0; s < 3; s++) {
                body.append("## ").append(cap(words[s])).append(' ').append(words[s + 3]).append("\n\n");
                for (int k = 0; k < 3; k++) {
                    StringBuilder sentence = new StringBuilder(cap(filler[random.nextInt(filler.length)]));
                    for (int w = 0; w < 11; w++) {
                        sentence.append(' ').append(random.nextInt(3) == 0 ? words[random.nextInt(words.length)]
                                : filler[random.nextInt(filler.length)]);
                    }
                    body.append(sentence).append(". ");
                }
                body.append("\n\n");
            }
            Article a = articles.create(new ArticleInput("kal-" + run + "-" + i, "nl", cap(words[0]) + " " + words[1] + " instellen",
                    body.toString(), List.of(), null, null), ArticleStatus.PUBLISHED, Editor.system("test"));
            created.add(a.id());
        }
        return topics;
    }

    private static String pseudoWord(Random random) {
        String c = "bdfgklmnprstvz";
        String v = "aeiou";
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            w.append(c.charAt(random.nextInt(c.length()))).append(v.charAt(random.nextInt(v.length())));
        }
        return w.append(c.charAt(random.nextInt(c.length()))).toString();
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Polls the endpoint until a refit after {@code since} has calibrated the locale on its own probes (the refit is
     * the event). Refits may follow one another while the articles are being published; any finished one that saw
     * them all will do, as a refit of the same articles chooses the same calibration.
     */
    private static JsonNode awaitLocale(Api api, String token, String locale, Instant since) {
        return await("a self-calibration of " + locale + " after " + since).atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Api.Response response = api.get("/api/assistant/calibration", token);
                    assertThat(response.status()).isEqualTo(200);
                    for (JsonNode l : response.json().get("locales")) {
                        if (l.get("locale").asString().equals(locale) && Instant.parse(l.get("fittedAt").asString()).isAfter(since)
                                && l.get("source").asString().equals("self") && l.get("probes").asInt() >= 40) {
                            return l;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }
}
