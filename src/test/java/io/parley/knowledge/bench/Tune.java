package io.parley.knowledge.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.assistant.eval.EvalCommand;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.assistant.eval.EvalResult;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.PassageSplitter;
import io.parley.knowledge.index.RetrievalSettings;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;

/** Manual tuning driver (not a test): evaluates several retrieval settings on one labelled set. */
public final class Tune {
    public static void main(String[] args) {
        Path set = Path.of(args.length > 0 ? args[0] : "/work/shared/eval/wixqa");
        List<IndexableArticle> articles = MarkdownKnowledgeBase.read(set.resolve("knowledge-base")).articles().stream()
                .map(IndexableArticle::from).toList();
        List<EvalQuestion> qs = EvalQuestions.read(set.resolve("questions.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        EmbeddingSupport bge = EmbeddingSupport.bgeSmallEn(pool);
        RetrievalSettings d = RetrievalSettings.defaults();
        bge = new EmbeddingSupport(new CachingEmbeddingModel(bge.model()), bge.modelId(), bge.languages(), bge.queryPrefix(), bge.passagePrefix());
        String which = args.length > 1 ? args[1] : "weights";
        PassageSplitter splitter = args.length > 2 ? new PassageSplitter(Integer.parseInt(args[2]), Integer.parseInt(args[2]) * 3 / 2, 120) : null;
        RetrievalSettings.Fusion[] fusions = {RetrievalSettings.Fusion.BLEND, RetrievalSettings.Fusion.RRF};
        double[][] weights = {
                {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1},
                {1, 0, 1, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 0},
                {0.5, 0.5, 1, 1}, {1, 1, 0.5, 0.5}, {1, 0.5, 1, 0.5}, {0.5, 1, 0.5, 1}};
        switch (which) {
            case "weights" -> {
                for (RetrievalSettings.Fusion f : fusions) {
                    for (double[] w : weights) {
                        run(f + " " + java.util.Arrays.toString(w), articles, qs,
                                new IndexOptions(bge, splitter, d.withFusion(f).withWeights(w[0], w[1], w[2], w[3])));
                    }
                }
            }
            case "sizes" -> {
                double[][] ws = {{1, 0, 1, 0}, {0.7, 0, 1, 0}, {1, 0, 0.7, 0}, {1, 0.3, 1, 0}, {1, 0, 1, 0.3}};
                for (int size : new int[]{400, 900, 1300}) {
                    PassageSplitter sp = new PassageSplitter(size, size * 3 / 2, 120);
                    for (double[] w : ws) {
                        run("size " + size + " " + java.util.Arrays.toString(w), articles, qs,
                                new IndexOptions(bge, sp, d.withFusion(RetrievalSettings.Fusion.BLEND).withWeights(w[0], w[1], w[2], w[3])));
                    }
                }
            }
            case "final" -> {
                double[][] ws = {{1, 0, 1, 0}, {0.7, 0, 1, 0}, {1, 0, 1, 0.3}, {0.7, 0, 1, 0.3}};
                for (double[] w : ws) {
                    run("blend " + java.util.Arrays.toString(w), articles, qs,
                            new IndexOptions(bge, splitter, d.withFusion(RetrievalSettings.Fusion.BLEND).withWeights(w[0], w[1], w[2], w[3])));
                }
                run("rrf [1,0,1,0]", articles, qs, new IndexOptions(bge, splitter, d.withFusion(RetrievalSettings.Fusion.RRF).withWeights(1, 0, 1, 0)));
                run("lexical", articles, qs, new IndexOptions(bge, splitter, d.withWeights(1, 0, 0, 0)));
                EmbeddingSupport noPrefix = new EmbeddingSupport(bge.model(), bge.modelId(), bge.languages(), "", "");
                run("no query prefix", articles, qs, new IndexOptions(noPrefix, splitter, d.withWeights(1, 0, 1, 0)));
                for (float t : new float[]{1f, 3f}) {
                    run("title boost " + t, articles, qs, new IndexOptions(bge, splitter, d.withWeights(1, 0, 1, 0).withBoosts(t, 1.5f)));
                }
            }
            case "combo" -> {
                EmbeddingSupport noPrefix = new EmbeddingSupport(bge.model(), bge.modelId(), bge.languages(), "", "");
                for (double lw : new double[]{1.0, 0.7, 0.5}) {
                    run("no prefix lex=" + lw, articles, qs, new IndexOptions(noPrefix, splitter, d.withWeights(lw, 0, 1, 0)));
                }
            }
            case "prefix" -> {
                EmbeddingSupport noPrefix = new EmbeddingSupport(bge.model(), bge.modelId(), bge.languages(), "", "");
                run("prefix", articles, qs, new IndexOptions(bge, splitter, d.withWeights(1, 1, 1, 1)));
                run("no prefix", articles, qs, new IndexOptions(noPrefix, splitter, d.withWeights(1, 1, 1, 1)));
            }
            case "boost" -> {
                for (float t : new float[]{0f, 1f, 2f, 3f}) {
                    run("title " + t, articles, qs, new IndexOptions(bge, splitter, d.withWeights(1, 1, 1, 1).withBoosts(t, 1.5f)));
                }
            }
            case "truncate" -> {
                for (int chars : new int[]{200, 300, 450, 0}) {
                    EmbeddingSupport cut = new EmbeddingSupport(new TruncatingEmbeddingModel(bge.model(), chars), bge.modelId(),
                            bge.languages(), bge.queryPrefix(), bge.passagePrefix());
                    run("embed first " + chars + " chars", articles, qs, new IndexOptions(cut, splitter, d));
                }
            }
            default -> throw new IllegalArgumentException(which);
        }
        pool.shutdownNow();
        System.exit(0);
    }

    static void run(String name, List<IndexableArticle> articles, List<EvalQuestion> qs, IndexOptions o) {
        EvalResult r = EvalCommand.evaluate(articles, qs, o, AnswerDecision.alwaysAnswerTopHit(), name);
        System.out.printf("%-28s hit1=%.3f hit3=%.3f mrr=%.3f p50=%.1f p95=%.1f build=%.1fs%n", name, r.hitAt1(), r.hitAt3(),
                r.mrrAt10(), r.latencyMsP50(), r.latencyMsP95(), r.buildSeconds());
    }
}
