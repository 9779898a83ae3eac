package io.parley.assistant.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON the eval command writes (the summary on standard output, the {@code --out} report) is a contract that
 * scripts and BENCHMARKS figures read. The fixtures under {@code src/test/resources/io/parley/assistant/eval/} were
 * written by the command before its figures became records; the command must still write them byte for byte.
 */
class EvalReportFormatTests {

    /** Fixed rankings; the article id is its slug, evidence varies by slug (a missing cosine for "b"). */
    record Rankings(Map<String, List<String>> bySlug) implements ArticleRetriever {
        @Override
        public SearchResult search(String query, String locale, int limit) {
            List<ArticleHit> hits = bySlug.getOrDefault(query, List.of()).stream().limit(limit).map(s -> hit(s, locale)).toList();
            return new SearchResult(query, locale, locale, false, false, hits, 0);
        }

        private static ArticleHit hit(String slug, String locale) {
            float cosine = slug.equals("b") ? Float.NaN : 0.75f;
            float coverage = slug.equals("c") ? Float.NaN : 0.5f;
            return new ArticleHit(slug, slug, locale, slug, null, slug.charAt(0) / 100.0, "", "", "",
                    new SearchEvidence(slug.charAt(0) - 'a' + 1, 2.5f, 3f, 2, cosine, coverage, 0f, 2, 1));
        }
    }

    static final List<EvalQuestion> QUESTIONS = List.of(
            new EvalQuestion("q1", "first", "en", List.of("a")),
            new EvalQuestion("q2", "second", "en", List.of("c")),
            new EvalQuestion("q3", "only gold", "de", List.of("a")),
            new EvalQuestion("q4", "unanswerable", "en", List.of()),
            new EvalQuestion("q5", "nothing found", "en", List.of()));

    static final Rankings RETRIEVER = new Rankings(Map.of(
            "first", List.of("a", "b", "c"),
            "second", List.of("b", "c"),
            "only gold", List.of("a"),
            "unanswerable", List.of("c", "b")));

    /** Answers "first" and "unanswerable", suggests for "second", hands the rest off. */
    static final AnswerDecision DECISION = (query, result) -> result.isEmpty() ? new AnswerDecision.HandOff("missing_knowledge")
            : query.equals("second") ? new AnswerDecision.Clarify(result.hits())
            : query.equals("first") || query.equals("unanswerable") ? new AnswerDecision.Answered(result.hits().get(0))
            : new AnswerDecision.HandOff("unsure");

    @Test
    void reportWithSimulatedQuestionsIsWrittenAsBefore(@TempDir Path dir) throws IOException {
        EvalResult result = withoutTimings(EvalRunner.run(RETRIEVER, DECISION, QUESTIONS, "fixture", 1.23456, Set::of));

        assertWritesAsBefore(result, dir, "report-simulated");
    }

    @Test
    void reportWithoutUnanswerableQuestionsIsWrittenAsBefore(@TempDir Path dir) throws IOException {
        EvalResult result = withoutTimings(EvalRunner.run(RETRIEVER, DECISION, QUESTIONS.subList(0, 3), "fixture", 0));

        assertWritesAsBefore(result, dir, "report-plain");
    }

    private static void assertWritesAsBefore(EvalResult result, Path dir, String fixture) throws IOException {
        Path report = dir.resolve("report.json");
        EvalCommand.writeReport(report, result);

        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(fixture(fixture + ".json"));
        assertThat(result.summaryJson()).isEqualTo(fixture(fixture + "-summary.json").strip());
    }

    /** The latencies are measured, so they differ on every run: the fixture has them at 0. */
    private static EvalResult withoutTimings(EvalResult r) {
        List<EvalResult.QuestionOutcome> details = r.details().stream().map(d -> new EvalResult.QuestionOutcome(d.id(),
                d.question(), d.expected(), d.rank(), d.decision(), d.answeredSlug(), d.correct(), d.topSlugs(), 0,
                d.topEvidence())).toList();
        return new EvalResult(r.questions(), r.answerable(), r.hitAt1(), r.hitAt3(), r.mrrAt10(), r.answeredCorrectShare(),
                r.wrongAnswerShare(), r.unanswerableHandoffShare(), 0, 0, r.retriever(), r.buildSeconds(), details,
                r.simulated(), r.suggestedShare(), r.suggestedRightShare());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EvalReportFormatTests.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
