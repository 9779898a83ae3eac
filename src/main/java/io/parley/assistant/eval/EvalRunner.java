package io.parley.assistant.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;

/** Scores a retriever and an answer decision on labelled questions. */
public final class EvalRunner {

    /** Hits retrieved per question: enough for MRR@10. */
    static final int DEPTH = 10;
    /**
     * Questions searched once before timing starts: a long-running server has warm JIT and caches, so latency is
     * measured warm. The warm-up results are discarded; every question is then searched and timed exactly once.
     */
    static final int WARMUP = 200;

    private EvalRunner() {
    }

    public static EvalResult run(ArticleRetriever retriever, AnswerDecision decision, List<EvalQuestion> questions,
                                 String retrieverName, double buildSeconds) {
        return run(retriever, decision, questions, retrieverName, buildSeconds, null);
    }

    /**
     * Also asks every answerable question once more as if its expected articles were missing from the knowledge base
     * (leave-gold-out; {@code articleIdsOfSlug} maps an expected slug to the ids of the articles it names): any answer
     * to such a question is wrong. Null: no simulated questions.
     */
    public static EvalResult run(ArticleRetriever retriever, AnswerDecision decision, List<EvalQuestion> questions,
                                 String retrieverName, double buildSeconds, Function<String, Set<String>> articleIdsOfSlug) {
        for (int i = 0; i < Math.min(WARMUP, questions.size()); i++) {
            retriever.search(questions.get(i).question(), questions.get(i).locale(), DEPTH);
        }
        int answerable = 0;
        int hit1 = 0;
        int hit3 = 0;
        double rr = 0;
        int answeredCorrect = 0;
        int wrong = 0;
        int unanswerable = 0;
        int unanswerableHandedOff = 0;
        int suggested = 0;
        int suggestedRight = 0;
        double[] latencies = new double[questions.size()];
        List<EvalResult.QuestionOutcome> details = new ArrayList<>();
        int qi = 0;
        for (EvalQuestion q : questions) {
            long t0 = System.nanoTime();
            SearchResult result = retriever.search(q.question(), q.locale(), DEPTH);
            double ms = (System.nanoTime() - t0) / 1e6;
            latencies[qi++] = ms;
            int rank = 0;
            List<String> slugs = result.hits().stream().map(ArticleHit::slug).toList();
            for (int i = 0; i < slugs.size(); i++) {
                if (q.expected().contains(slugs.get(i))) {
                    rank = i + 1;
                    break;
                }
            }
            AnswerDecision.Decision d = decision.decide(q.question(), result);
            String answered = d instanceof AnswerDecision.Answered a ? a.article().slug() : null;
            boolean correct = answered != null && q.expected().contains(answered);
            if (q.answerable()) {
                answerable++;
                if (rank == 1) {
                    hit1++;
                }
                if (rank >= 1 && rank <= 3) {
                    hit3++;
                }
                if (rank >= 1) {
                    rr += 1.0 / rank;
                }
            } else {
                unanswerable++;
                if (answered == null) {
                    unanswerableHandedOff++;
                }
            }
            if (correct) {
                answeredCorrect++;
            } else if (answered != null) {
                wrong++;
            }
            if (d instanceof AnswerDecision.Clarify c) {
                suggested++;
                if (c.options().stream().anyMatch(h -> q.expected().contains(h.slug()))) {
                    suggestedRight++;
                }
            }
            String decisionName = d instanceof AnswerDecision.Answered ? "answered"
                    : d instanceof AnswerDecision.Clarify ? "clarify" : "handoff";
            details.add(new EvalResult.QuestionOutcome(q.id(), q.question(), q.expected(), rank, decisionName, answered,
                    correct, slugs.subList(0, Math.min(5, slugs.size())), EvalResult.round(ms),
                    evidence(result.hits())));
        }
        EvalResult.SimulatedMissing simulated = null;
        if (articleIdsOfSlug != null) {
            int asked = 0;
            int answered = 0;
            for (EvalQuestion q : questions) {
                if (!q.answerable()) {
                    continue;
                }
                Set<String> gold = new HashSet<>();
                q.expected().forEach(slug -> gold.addAll(articleIdsOfSlug.apply(slug)));
                SearchResult without = retriever.searchWithout(q.question(), q.locale(), DEPTH, gold);
                AnswerDecision.Decision d = decision.decide(q.question(), without);
                asked++;
                String answeredSlug = d instanceof AnswerDecision.Answered a ? a.article().slug() : null;
                if (answeredSlug != null) {
                    answered++;
                }
                List<String> slugs = without.hits().stream().map(ArticleHit::slug).toList();
                details.add(new EvalResult.QuestionOutcome(q.id() + "#missing", q.question(), List.of(), 0,
                        d instanceof AnswerDecision.Answered ? "answered" : d instanceof AnswerDecision.Clarify ? "clarify" : "handoff",
                        answeredSlug, false, slugs.subList(0, Math.min(5, slugs.size())), 0,
                        evidence(without.hits())));
            }
            simulated = new EvalResult.SimulatedMissing(asked, answered,
                    share(wrong + answered, answeredCorrect + wrong + answered));
        }
        int n = questions.size();
        return new EvalResult(n, answerable, share(hit1, answerable), share(hit3, answerable),
                answerable == 0 ? 0 : rr / answerable, share(answeredCorrect, n), share(wrong, answeredCorrect + wrong),
                unanswerable == 0 ? null : (double) unanswerableHandedOff / unanswerable,
                percentile(latencies, 50), percentile(latencies, 95), retrieverName, buildSeconds, details, simulated,
                share(suggested, n), share(suggestedRight, answerable));
    }

    private static EvalResult.TopEvidence evidence(List<ArticleHit> hits) {
        if (hits.isEmpty()) {
            return EvalResult.TopEvidence.NONE;
        }
        ArticleHit h = hits.get(0);
        SearchEvidence e = h.evidence();
        return new EvalResult.TopEvidence.Scores(h.score(), e.bm25Rank(), e.bm25Score(), e.vectorRank(),
                Float.isNaN(e.cosine()) ? null : e.cosine(),
                Float.isNaN(e.queryTermCoverage()) ? null : e.queryTermCoverage());
    }

    private static double share(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
