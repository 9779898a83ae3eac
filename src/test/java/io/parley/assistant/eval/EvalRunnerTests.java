package io.parley.assistant.eval;

import io.parley.assistant.decision.AnswerDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRunnerTests {

    /** Returns a fixed ranking per question text. */
    record FixedRetriever(Map<String, List<String>> rankings) implements ArticleRetriever {
        @Override
        public SearchResult search(String query, String locale, int limit) {
            List<String> slugs = rankings.getOrDefault(query, List.of());
            List<ArticleHit> hits = slugs.stream().limit(limit).map(s -> new ArticleHit(s, s, locale, s, null, 1.0, "", "", "",
                    new SearchEvidence(1, 1f, 1f, 0, Float.NaN, 1f, 0f, 1, 1))).toList();
            return new SearchResult(query, locale, locale, false, false, hits, 0);
        }
    }

    static final List<EvalQuestion> QUESTIONS = List.of(
            new EvalQuestion("q1", "first", "en", List.of("a")),
            new EvalQuestion("q2", "second", "en", List.of("b", "x")),
            new EvalQuestion("q3", "third", "en", List.of("d")),
            new EvalQuestion("q4", "fourth", "en", List.of()),
            new EvalQuestion("q5", "fifth", "en", List.of()));

    static final FixedRetriever RETRIEVER = new FixedRetriever(Map.of(
            "first", List.of("a", "b", "c"),
            "second", List.of("c", "x", "b"),
            "third", List.of("a", "b", "c", "e", "f", "g", "h", "i", "j", "k", "d"), // d at rank 11: outside top 10
            "fourth", List.of("a")));

    @Test
    void computesRetrievalAndDecisionFiguresExactly() {
        EvalResult r = EvalRunner.run(RETRIEVER, AnswerDecision.alwaysAnswerTopHit(), QUESTIONS, "fixed", 0);

        assertThat(r.questions()).isEqualTo(5);
        assertThat(r.answerable()).isEqualTo(3);
        assertThat(r.hitAt1()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(r.hitAt3()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(r.mrrAt10()).isCloseTo((1 + 0.5 + 0) / 3, within(1e-9));
        assertThat(r.answeredCorrectShare()).isCloseTo(0.2, within(1e-9));   // q1
        assertThat(r.wrongAnswerShare()).isCloseTo(0.75, within(1e-9));      // q2, q3, q4 of the 4 answers
        assertThat(r.unanswerableHandoffShare()).isCloseTo(0.5, within(1e-9)); // q5 (no hits)
        assertThat(r.details()).extracting(EvalResult.QuestionOutcome::rank).containsExactly(1, 2, 0, 0, 0);
        assertThat(r.details()).extracting(EvalResult.QuestionOutcome::decision)
                .containsExactly("answered", "answered", "answered", "answered", "handoff");
    }

    @Test
    void aDecisionThatHandsOffLowConfidenceChangesOnlyDecisionFigures() {
        // hands off whenever the query is "second" or "fourth"
        AnswerDecision picky = (q, res) -> q.equals("second") || q.equals("fourth") || res.isEmpty()
                ? new AnswerDecision.HandOff("unsure") : new AnswerDecision.Answered(res.hits().get(0));

        EvalResult r = EvalRunner.run(RETRIEVER, picky, QUESTIONS, "fixed", 0);

        assertThat(r.hitAt1()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(r.answeredCorrectShare()).isCloseTo(0.2, within(1e-9));
        assertThat(r.wrongAnswerShare()).isCloseTo(0.5, within(1e-9));        // q3 of the 2 answers (q1, q3)
        assertThat(r.unanswerableHandoffShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void leaveGoldOutAsksEveryAnswerableQuestionWithoutItsArticlesAndCountsAnyAnswerAsWrong() {
        AnswerDecision picky = (q, res) -> q.equals("second") || res.isEmpty()
                ? new AnswerDecision.HandOff("unsure") : new AnswerDecision.Answered(res.hits().get(0));

        EvalResult r = EvalRunner.run(RETRIEVER, picky, QUESTIONS, "fixed", 0, java.util.Set::of);

        assertThat(r.simulated().questions()).isEqualTo(3);
        // without "a", "first" is answered from "b"; "third" from "a"; "second" is handed off
        assertThat(r.simulated().answered()).isEqualTo(2);
        assertThat(r.simulated().handoffShare()).isCloseTo(1 / 3.0, within(1e-9));
        // real answers: q1 right, q3 and q4 wrong; simulated: 2 wrong -> 4 wrong of 5 answers
        assertThat(r.wrongAnswerShare()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(r.simulated().wrongAnswerShareWithThem()).isCloseTo(4 / 5.0, within(1e-9));
        assertThat(r.details()).filteredOn(d -> d.id().equals("q1#missing")).singleElement()
                .satisfies(d -> assertThat(d.answeredSlug()).isEqualTo("b"));
        assertThat(summary(r)).containsEntry("simulated_questions", 3).containsEntry("wrong_answer_share", 0.8)
                .containsEntry("wrong_answer_share_real", 0.6667).containsEntry("simulated_unanswerable_handoff_share", 0.3333);
    }

    @Test
    void simulateMissingOnASmallKnowledgeBaseHandsOffWhatTheRemainingArticlesDoNotAnswer(@TempDir Path dir) throws IOException {
        Path kb = Files.createDirectories(dir.resolve("kb"));
        Files.writeString(kb.resolve("refunds.md"), "---\ntitle: Refund policy\n---\nAsk for your money back within 30 days.\n");
        Files.writeString(kb.resolve("shipping.md"), "---\ntitle: Shipping times\n---\nOrders ship in two days.\n");
        Files.writeString(kb.resolve("password.md"), "---\ntitle: Resetting your password\n---\nUse the reset link on the login page.\n");
        Path questions = dir.resolve("q.jsonl");
        Files.writeString(questions, """
                {"id": "1", "question": "refund policy money back", "locale": "en", "expected": ["refunds"]}
                {"id": "2", "question": "reset password login", "locale": "en", "expected": ["password"]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = EvalCommand.run(new String[]{"--kb", kb.toString(), "--questions", questions.toString(), "--no-vectors",
                "--simulate-missing"}, io.parley.assistant.decision.BotDecision.defaults(), new PrintStream(out), System.err);

        assertThat(code).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        // were the gold articles not left out, the bot would answer them again and these figures would drop
        assertThat(json).contains("\"simulated_questions\":2")
                .contains("\"simulated_unanswerable_handoff_share\":1.0").contains("\"wrong_answer_share\":0.0");
    }

    @Test
    void suggestionsAreCountedApartAndNeverAsAnswers() {
        // suggest the top two hits for every question that has any
        AnswerDecision suggest = (query, result) -> result.hits().isEmpty() ? new AnswerDecision.HandOff("missing_knowledge")
                : new AnswerDecision.Clarify(result.hits().subList(0, Math.min(2, result.hits().size())));
        EvalResult r = EvalRunner.run(RETRIEVER, suggest, QUESTIONS, "fixed", 0);

        assertThat(r.answeredCorrectShare()).isZero();
        assertThat(r.wrongAnswerShare()).isZero();
        assertThat(r.suggestedShare()).isCloseTo(4 / 5.0, within(1e-9));      // q1-q4 have hits
        assertThat(r.suggestedRightShare()).isCloseTo(2 / 3.0, within(1e-9)); // q1 (a), q2 (x) of the 3 answerable
        assertThat(summary(r)).containsEntry("suggested_share", 0.8).containsEntry("suggested_with_expected_article_share", 0.6667);
    }

    @Test
    void summaryHasExactlyTheContractKeysAndNoUnanswerableMeansNull() {
        EvalResult r = EvalRunner.run(RETRIEVER, AnswerDecision.alwaysAnswerTopHit(), QUESTIONS.subList(0, 2), "fixed", 0);
        assertThat(summary(r).keySet()).containsExactly("questions", "answerable", "hit_at_1", "hit_at_3", "mrr_at_10",
                "answered_correct_share", "wrong_answer_share", "unanswerable_handoff_share", "suggested_share",
                "suggested_with_expected_article_share", "latency_ms_p50", "latency_ms_p95");
        assertThat(r.unanswerableHandoffShare()).isNull();
        assertThat(r.summaryJson()).contains("\"hit_at_1\":0.5").contains("\"unanswerable_handoff_share\":null");
    }

    @Test
    void percentilesUseNearestRank() {
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            v[i] = 20 - i; // 20..1, unsorted on purpose
        }
        assertThat(EvalRunner.percentile(v, 50)).isEqualTo(10);
        assertThat(EvalRunner.percentile(v, 95)).isEqualTo(19);
        assertThat(EvalRunner.percentile(new double[0], 95)).isZero();
    }

    @Test
    void readsQuestionsJsonl() {
        List<EvalQuestion> qs = EvalQuestions.parse(List.of(
                "{\"id\": \"1\", \"question\": \"How?\", \"locale\": \"tr\", \"expected\": [\"a\", \"b\"], \"reference_answer\": \"x\"}",
                "",
                "{\"id\": \"2\", \"question\": \"Why?\", \"expected\": []}"), "test");
        assertThat(qs).containsExactly(new EvalQuestion("1", "How?", "tr", List.of("a", "b")),
                new EvalQuestion("2", "Why?", "en", List.of()));
        assertThat(qs.get(1).answerable()).isFalse();
    }

    @Test
    void commandEvaluatesAFolderAndWritesAReport(@TempDir Path dir) throws IOException {
        Path kb = Files.createDirectories(dir.resolve("kb"));
        Files.writeString(kb.resolve("refunds.md"), "---\ntitle: Refund policy\n---\nAsk for your money back within 30 days.\n");
        Files.writeString(kb.resolve("shipping.md"), "---\ntitle: Shipping times\n---\nOrders ship in two days.\n");
        Files.writeString(kb.resolve("broken.md"), "no front matter\n");
        Path questions = dir.resolve("q.jsonl");
        Files.writeString(questions, """
                {"id": "1", "question": "can I get a refund?", "locale": "en", "expected": ["refunds"]}
                {"id": "2", "question": "when will my order ship", "locale": "en", "expected": ["shipping"]}
                {"id": "3", "question": "do you sell bicycles", "locale": "en", "expected": []}
                """);
        Path report = dir.resolve("out/report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = EvalCommand.run(new String[]{"eval", "--kb", kb.toString(), "--questions", questions.toString(),
                "--out", report.toString(), "--baseline"}, new PrintStream(out), new PrintStream(err));

        assertThat(code).isZero();
        String json = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(json).startsWith("{\"questions\":3,\"answerable\":2,\"hit_at_1\":1.0,\"hit_at_3\":1.0,\"mrr_at_10\":1.0")
                .contains("\"unanswerable_handoff_share\":1.0");
        assertThat(json.lines()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped broken.md");
        assertThat(Files.readString(report)).contains("\"details\"").contains("\"retriever\" : \"bm25-standard-whole-article\"");
    }

    @Test
    void commandRejectsBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(EvalCommand.run(new String[]{"--kb"}, System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(EvalCommand.run(new String[]{"--kb", "/nonexistent", "--questions", "/nonexistent"}, System.out,
                new PrintStream(err))).isEqualTo(2);
        assertThat(EvalCommand.run(new String[]{"--frobnicate"}, System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: eval");
    }

    /** The summary as the command writes it, keys in their order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(EvalResult r) {
        return EvalQuestions.JSON.readValue(r.summaryJson(), java.util.LinkedHashMap.class);
    }
}
