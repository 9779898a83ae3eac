package io.parley.assistant.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                                  Map<String, Object> topEvidence) {
    }

    /** The summary as an ordered map with the keys of the eval contract (snake_case). */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("questions", questions);
        m.put("answerable", answerable);
        m.put("hit_at_1", round(hitAt1));
        m.put("hit_at_3", round(hitAt3));
        m.put("mrr_at_10", round(mrrAt10));
        m.put("answered_correct_share", round(answeredCorrectShare));
        m.put("wrong_answer_share", round(wrongAnswerShare));
        m.put("unanswerable_handoff_share", unanswerableHandoffShare == null ? null : round(unanswerableHandoffShare));
        if (simulated != null) {
            // with simulated questions, wrong_answer_share counts their answers too; the real-only figure stays
            m.put("wrong_answer_share_real", m.get("wrong_answer_share"));
            m.put("wrong_answer_share", round(simulated.wrongAnswerShareWithThem()));
            m.put("simulated_questions", simulated.questions());
            m.put("simulated_unanswerable_handoff_share", round(simulated.handoffShare()));
        }
        // the middle band: suggestions are not answers, so they are in none of the figures above
        m.put("suggested_share", round(suggestedShare));
        m.put("suggested_with_expected_article_share", round(suggestedRightShare));
        m.put("latency_ms_p50", round(latencyMsP50));
        m.put("latency_ms_p95", round(latencyMsP95));
        return m;
    }

    public String summaryJson() {
        return EvalQuestions.JSON.writeValueAsString(summary());
    }

    static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
