package io.parley.assistant.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.calibration.LocaleCalibration;
import io.parley.assistant.calibration.PriorModel;
import io.parley.assistant.calibration.SelfCalibration;
import io.parley.assistant.decision.AnswerDecision;
import io.parley.assistant.decision.BotDecision;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.PlainBm25Retriever;
import io.parley.knowledge.markdown.KnowledgeBaseContent;
import io.parley.knowledge.markdown.KnowledgeBaseProblem;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;

/**
 * {@code eval --kb DIR --questions FILE.jsonl [--out report.json] [--baseline] [--no-vectors] [--simulate-missing]}
 * <p>
 * Builds a throw-away in-memory index from the knowledge-base folder, searches every question, and prints one JSON
 * object with the figures (see {@link EvalResult#summary()}) on standard output. {@code --out} also writes a report
 * with per-question details. {@code --baseline} uses plain BM25 (standard analyzer, whole articles) instead of the
 * hybrid index; {@code --no-vectors} uses the hybrid index without the embedding model. {@code --simulate-missing}
 * also asks every answerable question as if its expected articles were not in the knowledge base (left out of the
 * search) and reports {@code simulated_unanswerable_handoff_share}; see {@link EvalResult.SimulatedMissing}.
 */
public final class EvalCommand {

    private EvalCommand() {
    }

    /** Returns the process exit code: 0 on success, 2 on bad arguments, 1 on failure. */
    public static int run(String[] args) {
        return run(args, AnswerDecision.alwaysAnswerTopHit());
    }

    /**
     * Runs with the bot's answer decision (the application's entry point passes the assistant's calibrated one);
     * {@code --always-answer} scores retrieval alone by answering every question with its top hit.
     */
    public static int run(String[] args, AnswerDecision decision) {
        return run(args, decision, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, AnswerDecision.alwaysAnswerTopHit(), out, err);
    }

    static int run(String[] args, AnswerDecision decision, PrintStream out, PrintStream err) {
        Path kb = null;
        Path questions = null;
        Path report = null;
        boolean baseline = false;
        boolean noVectors = false;
        String model = "bge-small-en-v15-q";
        boolean simulateMissing = false;
        boolean fixed = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "eval" -> {
                    if (i != 0) {
                        return usage(err, "unexpected argument 'eval'");
                    }
                }
                case "--model" -> {
                    if (i + 1 >= args.length || EmbeddingSupport.inProcess(args[i + 1], null) == null) {
                        return usage(err, "--model needs one of " + EmbeddingSupport.IN_PROCESS_MODELS);
                    }
                    model = args[++i];
                }
                case "--kb", "--questions", "--out" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, a + " needs a value");
                    }
                    Path p = Path.of(args[++i]);
                    if (a.equals("--kb")) {
                        kb = p;
                    } else if (a.equals("--questions")) {
                        questions = p;
                    } else {
                        report = p;
                    }
                }
                case "--baseline" -> baseline = true;
                case "--always-answer" -> decision = AnswerDecision.alwaysAnswerTopHit();
                case "--no-vectors" -> noVectors = true;
                case "--simulate-missing" -> simulateMissing = true;
                case "--fixed-thresholds" -> fixed = true;
                default -> {
                    return usage(err, "unknown argument '" + a + "'");
                }
            }
        }
        if (kb == null || questions == null) {
            return usage(err, "--kb and --questions are required");
        }
        if (!Files.isDirectory(kb)) {
            return usage(err, "knowledge-base folder not found: " + kb);
        }
        if (!Files.isRegularFile(questions)) {
            return usage(err, "questions file not found: " + questions);
        }
        if (!fixed && decision instanceof BotDecision bot) {
            // the bot as deployed: the prior, self-calibrated on this knowledge base once its index is built
            decision = new SelfCalibrating(bot);
        }
        try {
            EvalResult result = evaluate(kb, questions, baseline ? Mode.BASELINE : noVectors ? Mode.LEXICAL : Mode.HYBRID,
                    decision, model, simulateMissing, err);
            out.println(result.summaryJson());
            if (report != null) {
                writeReport(report, result);
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("eval failed: " + e.getMessage());
            return 1;
        }
    }

    public enum Mode { HYBRID, LEXICAL, BASELINE }

    /** Loads the KB, builds the index for the mode, and evaluates with the always-answer-top-hit decision. */
    public static EvalResult evaluate(Path kb, Path questionsFile, Mode mode, PrintStream log) {
        return evaluate(kb, questionsFile, mode, AnswerDecision.alwaysAnswerTopHit(), log);
    }

    /** Loads the KB, builds the index for the mode, and evaluates with {@code decision} (the baseline always answers). */
    public static EvalResult evaluate(Path kb, Path questionsFile, Mode mode, AnswerDecision decision, PrintStream log) {
        return evaluate(kb, questionsFile, mode, decision, "bge-small-en-v15-q", false, log);
    }

    /** The same with another in-process embedding model ({@link EmbeddingSupport#IN_PROCESS_MODELS}) and, with
     * {@code simulateMissing}, every answerable question asked once more without its expected articles. */
    public static EvalResult evaluate(Path kb, Path questionsFile, Mode mode, AnswerDecision decision, String model,
                                      boolean simulateMissing, PrintStream log) {
        KnowledgeBaseContent content = MarkdownKnowledgeBase.read(kb);
        for (KnowledgeBaseProblem p : content.problems()) {
            log.println("skipped " + p.path() + ": " + p.reason());
        }
        List<EvalQuestion> questions = EvalQuestions.read(questionsFile);
        List<IndexableArticle> articles = content.articles().stream().map(IndexableArticle::from).toList();
        if (mode == Mode.BASELINE) {
            long t0 = System.nanoTime();
            try (PlainBm25Retriever r = new PlainBm25Retriever(articles)) {
                double build = (System.nanoTime() - t0) / 1e9;
                return EvalRunner.run(r, AnswerDecision.alwaysAnswerTopHit(), questions, "bm25-standard-whole-article", build,
                        simulateMissing ? idsBySlug(articles) : null);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "parley-embed");
            t.setDaemon(true);
            return t;
        });
        try {
            EmbeddingSupport emb = mode == Mode.HYBRID ? EmbeddingSupport.inProcess(model, pool) : EmbeddingSupport.none();
            if (emb.enabled()) {
                // as in the application: a question asked again (its leave-gold-out twin, a probe without its
                // article) is not embedded again
                emb = new EmbeddingSupport(new io.parley.knowledge.index.QueryEmbeddingCache(emb.model(), 10_000, true),
                        emb.modelId(), emb.languages(), emb.queryPrefix(), emb.passagePrefix());
            }
            return evaluate(articles, questions, IndexOptions.of(emb), decision,
                    mode == Mode.HYBRID ? "hybrid-bm25-" + emb.modelId() : "bm25-passages", simulateMissing);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Builds an in-memory index with these options and evaluates it. */
    public static EvalResult evaluate(List<IndexableArticle> articles, List<EvalQuestion> questions,
                                      IndexOptions options, AnswerDecision decision, String name) {
        return evaluate(articles, questions, options, decision, name, false);
    }

    /** Builds an in-memory index with these options and evaluates it, with leave-gold-out questions if asked. */
    public static EvalResult evaluate(List<IndexableArticle> articles, List<EvalQuestion> questions,
                                      IndexOptions options, AnswerDecision decision, String name,
                                      boolean simulateMissing) {
        long t0 = System.nanoTime();
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(options)) {
            index.replaceAll(articles);
            double build = (System.nanoTime() - t0) / 1e9;
            if (decision instanceof SelfCalibrating s) {
                long c0 = System.nanoTime();
                List<LocaleCalibration> fitted = SelfCalibration.fit(s.prior, index, articles, s.prior.targetPrecision(),
                        600, java.time.Instant.now());
                decision = s.bot.withPolicy(SelfCalibration.policy(s.prior, fitted));
                System.err.printf("self-calibration: %.1f s (index build %.1f s)%n", (System.nanoTime() - c0) / 1e9, build);
                fitted.forEach(c -> System.err.println("  " + c));
            }
            return EvalRunner.run(index, decision, questions, name, build, simulateMissing ? idsBySlug(articles) : null);
        }
    }

    /** Marks the bot's decision to be self-calibrated on the index the evaluation builds. */
    static final class SelfCalibrating implements AnswerDecision {
        final BotDecision bot;
        final PriorModel prior = PriorModel.shipped();

        SelfCalibrating(BotDecision bot) {
            this.bot = bot;
        }

        @Override
        public Decision decide(String query, io.parley.knowledge.index.SearchResult result) {
            return bot.withPolicy(SelfCalibration.policy(prior, List.of())).decide(query, result);
        }
    }

    /** Slug to the ids of the articles with that slug (one per locale that has it). */
    static java.util.function.Function<String, java.util.Set<String>> idsBySlug(List<IndexableArticle> articles) {
        Map<String, java.util.Set<String>> ids = new java.util.HashMap<>();
        for (IndexableArticle a : articles) {
            ids.computeIfAbsent(a.slug(), k -> new java.util.HashSet<>()).add(a.id());
        }
        return slug -> ids.getOrDefault(slug, java.util.Set.of());
    }

    static void writeReport(Path file, EvalResult result) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, EvalQuestions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.report()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write report " + file, e);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("eval: " + problem);
        err.println("usage: eval --kb DIR --questions FILE.jsonl [--out report.json] [--baseline] [--no-vectors] [--always-answer] [--simulate-missing] [--fixed-thresholds] [--model " + String.join("|", EmbeddingSupport.IN_PROCESS_MODELS) + "]");
        return 2;
    }
}
