package io.parley.assistant.eval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Figures of one evaluation run. Retrieval figures ({@code hitAt1}, {@code hitAt3}, {@code mrrAt10}) are over
 * answerable questions. {@code answeredCorrectShare} is over all questions (answered with an expected article);
 * {@code wrongAnswerShare} is over the answers given (answered with another article, or any answer to an
 * unanswerable question); clarifying questions and hand-offs are not answers. {@code unanswerableHandoffShare} is over unanswerable questions
 * (clarify counts as not answering), null when the set has none. With {@link SimulatedMissing simulated}
 * leave-gold-out questions, the summary's {@code wrong_answer_share} counts their answers too.
 * <p>
 * The middle band is reported apart and never as an answer: {@code suggestedShare} is the share of the real
 * questions that got a clarifying question ("these articles may help: A, B — or talk to a person"), and
 * {@code suggestedRightShare} the share of the answerable questions whose suggestion listed an expected article.
 */
public record EvalResult(int questions, int answerable, double hitAt1, double hitAt3, double mrrAt10,
                         double answeredCorrectShare, double wrongAnswerShare, Double unanswerableHandoffShare,
                         double latencyMsP50, double latencyMsP95, String retriever, double buildSeconds,
                         List<QuestionOutcome> details, SimulatedMissing simulated, double suggestedShare,
                         double suggestedRightShare) {

    public EvalResult(int questions, int answerable, double hitAt1, double hitAt3, double mrrAt10,
                      double answeredCorrectShare, double wrongAnswerShare, Double unanswerableHandoffShare,
                      double latencyMsP50, double latencyMsP95, String retriever, double buildSeconds,
                      List<QuestionOutcome> details, SimulatedMissing simulated) {
        this(questions, answerable, hitAt1, hitAt3, mrrAt10, answeredCorrectShare, wrongAnswerShare,
                unanswerableHandoffShare, latencyMsP50, latencyMsP95, retriever, buildSeconds, details, simulated, 0, 0);
    }

    /**
     * The leave-gold-out questions ({@code eval --simulate-missing}): every answerable question asked again with its
     * expected articles left out of the search, so any answer is wrong.
     *
     * @param questions                simulated questions asked (one per answerable question)
     * @param answered                 how many of them the decision answered anyway
     * @param wrongAnswerShareWithThem wrong answers over all answers given, real and simulated
     */
    public record SimulatedMissing(int questions, int answered, double wrongAnswerShareWithThem) {

        public double handoffShare() {
            return questions == 0 ? 1 : 1 - (double) answered / questions;
        }
    }

    /**
     * @param rank          1-based rank of the first expected article among the hits (0 if not in the top 10 or
     *                      unanswerable)
     * @param decision      answered / clarify / handoff
     * @param answeredSlug  slug answered with, or null
     * @param topSlugs      slugs of the first hits
     * @param latencyMs     search latency including the query embedding
     */
    public record QuestionOutcome(String id, String question, List<String> expected, int rank, String decision,
                                  String answeredSlug, boolean correct, List<String> topSlugs, double latencyMs,
                                  TopEvidence topEvidence) {
    }

    /** What the search said about its top hit, written as {@code {}} when there was none. */
    public sealed interface TopEvidence permits TopEvidence.Scores, TopEvidence.NoHit {

        TopEvidence NONE = new NoHit();

        /**
         * @param cosine            null when the search used no vectors
         * @param queryTermCoverage null when the question had no searchable terms
         */
        record Scores(double score, @JsonProperty("bm25_rank") int bm25Rank, @JsonProperty("bm25_score") float bm25Score,
                      @JsonProperty("vector_rank") int vectorRank, Float cosine,
                      @JsonProperty("query_term_coverage") Float queryTermCoverage) implements TopEvidence {
        }

        /** No hit at all: an empty object, as the report has always had it. */
        record NoHit() implements TopEvidence {
        }
    }

    /**
     * The figures with the keys of the eval contract (snake_case), in its order. The three figures of simulated
     * questions are there only with them; {@code unanswerable_handoff_share} is always there (null without
     * unanswerable questions).
     */
    public record Summary(int questions, int answerable, @JsonProperty("hit_at_1") double hitAt1,
                          @JsonProperty("hit_at_3") double hitAt3, @JsonProperty("mrr_at_10") double mrrAt10,
                          @JsonProperty("answered_correct_share") double answeredCorrectShare,
                          @JsonProperty("wrong_answer_share") double wrongAnswerShare,
                          @JsonProperty("unanswerable_handoff_share") @JsonInclude(JsonInclude.Include.ALWAYS)
                          Double unanswerableHandoffShare,
                          @JsonProperty("wrong_answer_share_real") @JsonInclude(JsonInclude.Include.NON_NULL)
                          Double wrongAnswerShareReal,
                          @JsonProperty("simulated_questions") @JsonInclude(JsonInclude.Include.NON_NULL)
                          Integer simulatedQuestions,
                          @JsonProperty("simulated_unanswerable_handoff_share") @JsonInclude(JsonInclude.Include.NON_NULL)
                          Double simulatedUnanswerableHandoffShare,
                          @JsonProperty("suggested_share") double suggestedShare,
                          @JsonProperty("suggested_with_expected_article_share") double suggestedWithExpectedArticleShare,
                          @JsonProperty("latency_ms_p50") double latencyMsP50,
                          @JsonProperty("latency_ms_p95") double latencyMsP95) {
    }

    /** The {@code --out} report: the summary's keys, then the retriever, the build time and every question. */
    public record Report(@JsonUnwrapped Summary summary, String retriever,
                         @JsonProperty("build_seconds") double buildSeconds, List<QuestionOutcome> details) {
    }

    /** The summary, figures rounded to four places. */
    public Summary summary() {
        // with simulated questions, wrong_answer_share counts their answers too; the real-only figure stays
        double wrong = simulated == null ? wrongAnswerShare : simulated.wrongAnswerShareWithThem();
        return new Summary(questions, answerable, round(hitAt1), round(hitAt3), round(mrrAt10), round(answeredCorrectShare),
                round(wrong), unanswerableHandoffShare == null ? null : round(unanswerableHandoffShare),
                simulated == null ? null : round(wrongAnswerShare),
                simulated == null ? null : simulated.questions(),
                simulated == null ? null : round(simulated.handoffShare()),
                // the middle band: suggestions are not answers, so they are in none of the figures above
                round(suggestedShare), round(suggestedRightShare), round(latencyMsP50), round(latencyMsP95));
    }

    public Report report() {
        return new Report(summary(), retriever, round(buildSeconds), details);
    }

    public String summaryJson() {
        return EvalQuestions.JSON.writeValueAsString(summary());
    }

    static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
