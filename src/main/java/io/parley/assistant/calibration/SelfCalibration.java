package io.parley.assistant.calibration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.parley.knowledge.Article;
import io.parley.knowledge.Articles;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.IndexableArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the bot's decision calibrated to the deployment's own knowledge base: after the published articles change
 * (debounced, so an import of a hundred files refits once) it makes probes from the articles, asks them with and
 * without their source article, refits per locale ({@link SelfCalibrator}), stores the result and swaps the policy
 * the bot decides with. All of it runs on one background thread: start-up and searches never wait for it, and until
 * the first fit the stored calibration (or else the prior) decides.
 */
public final class SelfCalibration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SelfCalibration.class);

    /** What the last refit did, for the calibration endpoint. */
    public record LastFit(Instant at, int articles, int probes, long tookMillis, String error) {
    }

    private final PriorModel prior;
    private final Supplier<Stream<Article>> publishedArticles;
    private final ArticleRetriever retriever;
    private final JdbcTemplate jdbc;
    private final String modelId;
    private final double targetPrecision;
    private final int maxProbes;
    private final Duration debounce;
    private final Clock clock;
    private final java.util.function.Function<String, List<AnswerLabel>> labels;
    private volatile ProbeWriter probeWriter;
    private final ScheduledExecutorService worker;
    private volatile CalibratedPolicy policy;
    private volatile LastFit lastFit;
    private ScheduledFuture<?> pending;

    /** Labels the conversations gave, per language, that a refit reads: at most this many per language. */
    public static final int MAX_LABELS = 2_000;

    public SelfCalibration(PriorModel prior, Articles articles, ArticleRetriever retriever, JdbcTemplate jdbc,
                           String modelId, double targetPrecision, int maxProbes, Duration debounce, Clock clock) {
        this(prior, articles, retriever, jdbc, modelId, targetPrecision, maxProbes, debounce, clock, locale -> List.of());
    }

    /** @param labels the most recent labels of a locale's language ({@link AnswerLabels#recent}), newest first */
    public SelfCalibration(PriorModel prior, Articles articles, ArticleRetriever retriever, JdbcTemplate jdbc,
                           String modelId, double targetPrecision, int maxProbes, Duration debounce, Clock clock,
                           java.util.function.Function<String, List<AnswerLabel>> labels) {
        this.prior = prior;
        this.labels = labels;
        this.publishedArticles = articles::streamAllPublished;
        this.retriever = retriever;
        this.jdbc = jdbc;
        this.modelId = modelId;
        this.targetPrecision = targetPrecision;
        this.maxProbes = maxProbes;
        this.debounce = debounce;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-calibration");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.policy = new CalibratedPolicy(prior, load());
    }

    /** Probes written by the language model join the generated ones (at most half of them); null: generated only. */
    public void useProbeWriter(ProbeWriter writer) {
        this.probeWriter = writer;
    }

    /** The policy in force: the latest fit, the stored one, or the prior. */
    public CalibratedPolicy policy() {
        return policy;
    }

    public LastFit lastFit() {
        return lastFit;
    }

    public double targetPrecision() {
        return targetPrecision;
    }

    public String modelId() {
        return modelId;
    }

    /** Whether a refit is waiting or running. */
    public synchronized boolean busy() {
        return pending != null && !pending.isDone();
    }

    /** A refit after the debounce delay; a further change within it postpones it again. */
    public synchronized void articlesChanged() {
        if (pending != null && !pending.isDone() && pending.getDelay(TimeUnit.MILLISECONDS) > 0) {
            pending.cancel(false);
        }
        pending = worker.schedule(this::refitQuietly, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refitQuietly() {
        try {
            refit();
        } catch (RuntimeException e) {
            log.warn("Self-calibration failed; the previous calibration stays in force", e);
            lastFit = new LastFit(clock.instant(), 0, 0, 0, e.getMessage());
        }
    }

    /** Refits now, on the calling thread (the background worker, or a test). */
    public CalibratedPolicy refit() {
        long t0 = System.nanoTime();
        List<IndexableArticle> articles = new ArrayList<>();
        try (Stream<Article> published = publishedArticles.get()) {
            published.forEach(a -> articles.add(new IndexableArticle(a.id().toString(), a.slug(), a.locale(), a.title(),
                    a.body(), a.tags(), true, null)));
        }
        Instant now = clock.instant();
        List<AnswerLabel> recent = new ArrayList<>();
        articles.stream().map(a -> io.parley.knowledge.index.LocaleAnalyzers.language(a.locale())).distinct()
                .forEach(language -> recent.addAll(labels.apply(language)));
        List<LocaleCalibration> fitted = fit(prior, retriever, probes(articles, maxProbes, probeWriter), recent,
                targetPrecision, now);
        store(fitted);
        CalibratedPolicy next = policy(prior, fitted);
        policy = next;
        long took = (System.nanoTime() - t0) / 1_000_000;
        lastFit = new LastFit(now, articles.size(), Math.min(maxProbes, fitted.stream().mapToInt(LocaleCalibration::probes).sum()),
                took, null);
        for (LocaleCalibration c : fitted) {
            log.info("Calibration {}/{}: {} from {} probes, slope {}, offset {}, answers from p >= {} (probe precision {}, "
                    + "probes answered {})", c.locale(), c.family(), c.source(), c.probes(), round(c.slope()),
                    round(c.offset()), round(c.threshold()), round(c.probePrecision()), round(c.probeAnswered()));
        }
        log.info("Self-calibration: {} articles, {} probes, {} labels, {} ms", articles.size(), lastFit.probes(),
                recent.size(), took);
        return next;
    }

    /** Probes from the articles, asked on the retriever, and the calibrations fitted on them (also used by eval). */
    public static List<LocaleCalibration> fit(PriorModel prior, ArticleRetriever retriever, List<IndexableArticle> articles,
                                              double targetPrecision, int maxProbes, Instant now) {
        return fit(prior, retriever, articles, List.of(), targetPrecision, maxProbes, now);
    }

    /** The same, with the conversations' labels joining the probes (bounded, see {@link SelfCalibrator}). */
    public static List<LocaleCalibration> fit(PriorModel prior, ArticleRetriever retriever, List<IndexableArticle> articles,
                                              List<AnswerLabel> labels, double targetPrecision, int maxProbes, Instant now) {
        return fit(prior, retriever, probes(articles, maxProbes, null), labels, targetPrecision, now);
    }

    private static List<LocaleCalibration> fit(PriorModel prior, ArticleRetriever retriever, List<ProbeGenerator.Probe> probes,
                                               List<AnswerLabel> labels, double targetPrecision, Instant now) {
        return new SelfCalibrator(prior, targetPrecision).fit(SelfCalibrator.ask(retriever, probes),
                SelfCalibrator.askLabels(retriever, labels), now);
    }

    /**
     * The probes of a refit: up to half written by the language model when one is configured (they read like
     * customers' questions), the rest generated from the articles' own words.
     */
    static List<ProbeGenerator.Probe> probes(List<IndexableArticle> articles, int maxProbes, ProbeWriter writer) {
        List<ProbeGenerator.Probe> out = new ArrayList<>();
        if (writer != null) {
            out.addAll(writer.write(articles, maxProbes / 2));
        }
        out.addAll(new ProbeGenerator().generate(articles, maxProbes - out.size()));
        return out;
    }

    public static CalibratedPolicy policy(PriorModel prior, List<LocaleCalibration> fitted) {
        Map<String, LocaleCalibration> byKey = new LinkedHashMap<>();
        fitted.forEach(c -> byKey.put(CalibratedPolicy.key(c.locale(), c.family()), c));
        return new CalibratedPolicy(prior, byKey);
    }

    private void store(List<LocaleCalibration> fitted) {
        jdbc.update("delete from assistant_calibration where model = ?", modelId);
        for (LocaleCalibration c : fitted) {
            jdbc.update("insert into assistant_calibration (model, locale, family, source, slope, \"offset\", threshold, probes,"
                    + " probe_precision, probe_answered, fitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", modelId,
                    c.locale(), c.family(), c.source(), c.slope(), c.offset(), c.threshold(), c.probes(),
                    nullIfNaN(c.probePrecision()), nullIfNaN(c.probeAnswered()), Timestamp.from(c.fittedAt()));
        }
    }

    private Map<String, LocaleCalibration> load() {
        Map<String, LocaleCalibration> out = new LinkedHashMap<>();
        try {
            jdbc.query("select * from assistant_calibration where model = ?", rs -> {
                LocaleCalibration c = new LocaleCalibration(rs.getString("locale"), rs.getString("family"),
                        rs.getString("source"), rs.getDouble("slope"), rs.getDouble("offset"), rs.getDouble("threshold"),
                        rs.getInt("probes"), nanIfNull(rs.getObject("probe_precision")),
                        nanIfNull(rs.getObject("probe_answered")), rs.getTimestamp("fitted_at").toInstant());
                out.put(CalibratedPolicy.key(c.locale(), c.family()), c);
            }, modelId);
        } catch (RuntimeException e) {
            log.warn("Stored calibration could not be read ({}); the prior decides until the next fit", e.getMessage());
        }
        return out;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double nanIfNull(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static String round(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "never" : String.valueOf(Math.round(v * 1000) / 1000.0);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
