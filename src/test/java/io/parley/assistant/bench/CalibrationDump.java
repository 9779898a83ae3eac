package io.parley.assistant.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cached searches of the calibration work (target/calibration/dump-*.jsonl): one line per search, a labelled
 * question or a probe, asked normally or with its gold articles left out, with the top hits and their evidence. The
 * fitting benchmarks rebuild {@link SearchResult}s from it, so the features are computed by the production code
 * ({@code EvidenceFeatures}) offline, in seconds, without re-embedding.
 *
 * @param set      the set's name
 * @param kind     {@code question} or a probe kind
 * @param id       question id or probe number
 * @param locale   the question's locale
 * @param expected slugs that answer it (empty: unanswerable, or asked without its gold)
 * @param without  asked with its gold articles left out
 * @param result   the search result (hits without passage text)
 */
record CalibrationDump(String set, String kind, String id, String locale, List<String> expected, boolean without,
                       SearchResult result) {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final int HITS = 5;

    boolean question() {
        return kind.equals("question");
    }

    /** Whether answering with the top hit would be right. */
    boolean topCorrect() {
        return !result.hits().isEmpty() && expected.contains(result.hits().get(0).slug());
    }

    String line() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("kind", kind);
        m.put("id", id);
        m.put("locale", locale);
        m.put("expected", expected);
        m.put("without", without);
        m.put("query", result.query());
        m.put("vectors", result.vectorsUsed());
        m.put("searched", result.searchedLocale());
        List<Map<String, Object>> hits = new ArrayList<>();
        for (ArticleHit h : result.hits().subList(0, Math.min(HITS, result.hits().size()))) {
            SearchEvidence e = h.evidence();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", h.articleId());
            x.put("slug", h.slug());
            x.put("locale", h.locale());
            x.put("score", h.score());
            x.put("section", h.sectionTitle());
            x.put("passage_chars", h.passage() == null ? 0 : h.passage().length());
            x.put("e", new double[] {e.bm25Rank(), e.bm25Score(), e.bm25TopScore(), e.vectorRank(),
                    Float.isNaN(e.cosine()) ? -9 : e.cosine(), Float.isNaN(e.queryTermCoverage()) ? -9 : e.queryTermCoverage(),
                    e.titleTermCoverage(), e.queryTerms(), e.matchingPassages(), e.weightedCoverage(), e.unseenTerms(),
                    nan(e.titleCosine()), nan(e.rareCoverage()), nan(e.bigramCoverage()), nan(e.sentenceCoverage())});
            hits.add(x);
        }
        m.put("hits", hits);
        return JSON.writeValueAsString(m);
    }

    static CalibrationDump parse(String line) {
        JsonNode n = JSON.readTree(line);
        List<String> expected = new ArrayList<>();
        n.get("expected").forEach(x -> expected.add(x.asString()));
        List<ArticleHit> hits = new ArrayList<>();
        for (JsonNode h : n.get("hits")) {
            JsonNode e = h.get("e");
            float cos = (float) e.get(4).asDouble();
            float cov = (float) e.get(5).asDouble();
            SearchEvidence ev = new SearchEvidence(e.get(0).asInt(), (float) e.get(1).asDouble(), (float) e.get(2).asDouble(),
                    e.get(3).asInt(), cos == -9 ? Float.NaN : cos, cov == -9 ? Float.NaN : cov, (float) e.get(6).asDouble(),
                    e.get(7).asInt(), e.get(8).asInt(), (float) e.get(9).asDouble(), e.get(10).asInt(),
                    unnan(e, 11), unnan(e, 12), unnan(e, 13), unnan(e, 14));
            String passage = "x".repeat(h.get("passage_chars").asInt());
            hits.add(new ArticleHit(h.get("id").asString(), h.get("slug").asString(), h.get("locale").asString(), "",
                    null, h.get("score").asDouble(), h.get("section").asString(), passage, "", ev));
        }
        SearchResult r = new SearchResult(n.get("query").asString(), n.get("locale").asString(),
                n.get("searched").asString(), false, n.get("vectors").asBoolean(), hits, 0);
        return new CalibrationDump(n.get("set").asString(), n.get("kind").asString(), n.get("id").asString(),
                n.get("locale").asString(), expected, n.get("without").asBoolean(), r);
    }

    private static double nan(float v) {
        return Float.isNaN(v) ? -9 : v;
    }

    /** A dumped signal; NaN when absent (-9, or a dump written before the signal existed). */
    private static float unnan(JsonNode e, int i) {
        if (e.size() <= i) {
            return Float.NaN;
        }
        double v = e.get(i).asDouble();
        return v == -9 ? Float.NaN : (float) v;
    }

    static List<CalibrationDump> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(CalibrationDump::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
