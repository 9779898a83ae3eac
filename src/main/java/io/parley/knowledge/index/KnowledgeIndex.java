package io.parley.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The knowledge-base search index: one Lucene document per passage, searched lexically (BM25 with the article's
 * language analyzer) and by vector similarity (an in-process embedding model, for the languages it covers), the two
 * rankings fused and aggregated from passages to articles.
 * <p>
 * Writes are near-real-time: {@link #upsert}, {@link #delete} and {@link #replaceAll} commit and refresh the searcher
 * before they return, so a change is visible to the next search. Searches are thread-safe and never block on writes;
 * writes are serialised.
 * <p>
 * The index is derived data. {@link #open(Path, Options)} reports in {@link #openedStatus()} whether what it found
 * on disk was missing, stale (other schema or embedding model) or corrupt; in those cases it starts empty and the
 * caller rebuilds it from the article store with {@link #replaceAll}.
 */
public final class KnowledgeIndex implements ArticleRetriever, Closeable {

    /** Bump when the document layout or analysis changes, so existing indexes are rebuilt. */
    static final int SCHEMA_VERSION = 2;
    static final String SIGNATURE_KEY = "parley.signature";

    static final String F_ARTICLE_ID = "article_id";
    static final String F_SLUG = "slug";
    static final String F_LOCALE = "locale";
    static final String F_LANG = "lang";
    static final String F_PUBLISHED = "published";
    static final String F_TITLE = "title";
    static final String F_SECTION = "section";
    static final String F_TEXT = "text";
    static final String F_TAGS = "tags";
    static final String F_URL = "url";
    static final String F_ORDINAL = "ordinal";
    static final String F_VECTOR = "vector";
    /** Whole-article fields live on the first passage document of each article only. */
    static final String F_ARTICLE = "article";
    static final String F_TITLE_VECTOR = "title_vector";
    static final String F_EMBED_KEY = "embed_key";
    static final String F_TITLE_EMBED_KEY = "title_embed_key";

    private static final int EMBED_BATCH = 128;
    private static final int SNIPPET_CHARS = 240;

    /**
     * @param embedding model for vectors (or {@link EmbeddingSupport#none()})
     * @param splitter  how article bodies become passages
     * @param retrieval fusion and boosts
     */
    public record Options(EmbeddingSupport embedding, PassageSplitter splitter, RetrievalSettings retrieval) {
        public Options {
            embedding = embedding == null ? EmbeddingSupport.none() : embedding;
            splitter = splitter == null ? new PassageSplitter() : splitter;
            retrieval = retrieval == null ? RetrievalSettings.defaults() : retrieval;
        }

        public static Options of(EmbeddingSupport embedding) {
            return new Options(embedding, null, null);
        }

        public Options withRetrieval(RetrievalSettings r) {
            return new Options(embedding, splitter, r);
        }

        public Options withSplitter(PassageSplitter s) {
            return new Options(embedding, s, retrieval);
        }
    }

    private final Directory directory;
    private final Options options;
    private final LocaleAnalyzers analyzers = new LocaleAnalyzers();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final IndexStatus openedStatus;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final int dimension;

    private KnowledgeIndex(Directory directory, Options options) throws IOException {
        this.directory = directory;
        this.options = options;
        this.dimension = options.embedding().enabled() ? options.embedding().model().dimension() : 0;
        this.openedStatus = inspect(directory, signature());
        IndexWriterConfig config = new IndexWriterConfig(analyzers)
                .setOpenMode(openedStatus == IndexStatus.READY ? IndexWriterConfig.OpenMode.APPEND
                        : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        writer.setLiveCommitData(Map.of(SIGNATURE_KEY, signature()).entrySet());
        if (openedStatus != IndexStatus.READY) {
            writer.commit();
        }
        this.searchers = new SearcherManager(writer, null);
    }

    /** A throw-away index in memory. */
    public static KnowledgeIndex inMemory(Options options) {
        try {
            return new KnowledgeIndex(new ByteBuffersDirectory(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens (or creates) the index at {@code path}, e.g. {@code ./data/index}. Check {@link #openedStatus()}: when it
     * {@link IndexStatus#needsRebuild() needs a rebuild}, the index is empty and should be filled with
     * {@link #replaceAll}.
     */
    public static KnowledgeIndex open(Path path, Options options) {
        try {
            Files.createDirectories(path);
            return new KnowledgeIndex(FSDirectory.open(path), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open knowledge index at " + path, e);
        }
    }

    /** Inspects an index directory without changing it. */
    public static IndexStatus inspect(Path path, Options options) {
        if (!Files.isDirectory(path)) {
            return IndexStatus.MISSING;
        }
        try (Directory dir = FSDirectory.open(path)) {
            return inspect(dir, signature(options, options.embedding().enabled() ? options.embedding().model().dimension() : 0));
        } catch (IOException e) {
            return IndexStatus.CORRUPT;
        }
    }

    static IndexStatus inspect(Directory dir, String expectedSignature) {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                return IndexStatus.MISSING;
            }
            SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
            if (!expectedSignature.equals(infos.getUserData().get(SIGNATURE_KEY))) {
                return IndexStatus.STALE;
            }
            // Opening a reader verifies segment headers/footers of every file it touches.
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    leaf.reader().checkIntegrity();
                }
            }
            return IndexStatus.READY;
        } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
            return IndexStatus.STALE;
        } catch (CorruptIndexException e) {
            return IndexStatus.CORRUPT;
        } catch (IOException | RuntimeException e) {
            return IndexStatus.CORRUPT;
        }
    }

    public IndexStatus openedStatus() {
        return openedStatus;
    }

    public Options options() {
        return options;
    }

    private String signature() {
        return signature(options, dimension);
    }

    private static String signature(Options options, int dimension) {
        return "schema=" + SCHEMA_VERSION + ";titles=" + (options.retrieval().titleVector() > 0)
                + ";embedding=" + options.embedding().modelId() + ":" + dimension
                + ":" + options.embedding().queryPrefix().hashCode() + ":" + options.embedding().passagePrefix().hashCode()
                + ":" + new java.util.TreeSet<>(options.embedding().languages());
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Adds or replaces an article (all its passages) and makes the change searchable before returning. */
    public void upsert(IndexableArticle article) {
        upsertAll(List.of(article));
    }

    /** Adds or replaces several articles in one commit. */
    public void upsertAll(Collection<IndexableArticle> articles) {
        List<List<Document>> docs = toDocuments(articles);
        write(() -> {
            int i = 0;
            for (IndexableArticle a : articles) {
                writer.updateDocuments(new Term(F_ARTICLE_ID, a.id()), docs.get(i++));
            }
        });
    }

    /** Removes an article; no-op if it is not indexed. */
    public void delete(String articleId) {
        write(() -> writer.deleteDocuments(new Term(F_ARTICLE_ID, articleId)));
    }

    /**
     * Replaces the whole index content with these articles, atomically for searchers: they see the old content until
     * the new one is committed.
     */
    public void replaceAll(Collection<IndexableArticle> articles) {
        List<List<Document>> docs = toDocuments(articles);
        write(() -> {
            writer.deleteAll();
            for (List<Document> d : docs) {
                writer.addDocuments(d);
            }
        });
    }

    private interface WriteAction {
        void run() throws IOException;
    }

    private void write(WriteAction action) {
        writeLock.lock();
        try {
            action.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Knowledge index write failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Splits and embeds outside the write lock: embedding is the slow part and must not block other writers.
     * Vectors of texts that are already in the index (same text, same model: the index signature pins the model) are
     * reused, so re-importing an unchanged knowledge base, or editing one section of an article, embeds only what
     * changed.
     */
    private List<List<Document>> toDocuments(Collection<IndexableArticle> articles) {
        List<List<Passage>> passages = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        EmbeddingSupport emb = options.embedding();
        boolean titles = embedsTitles();
        for (IndexableArticle a : articles) {
            List<Passage> ps = options.splitter().split(a.body());
            if (ps.isEmpty()) {
                // An article with an empty body is still findable by its title.
                ps = List.of(new Passage(0, "", ""));
            }
            passages.add(ps);
            if (emb.covers(a.locale())) {
                if (titles) {
                    texts.add(emb.passagePrefix() + titleText(a));
                }
                for (Passage p : ps) {
                    texts.add(emb.passagePrefix() + embeddingText(a, p));
                }
            }
        }
        Map<String, float[]> known = knownVectors(texts);
        List<TextSegment> toEmbed = texts.stream().filter(t -> !known.containsKey(embedKey(t))).distinct()
                .map(TextSegment::from).toList();
        List<Embedding> computed = embedAll(toEmbed);
        for (int i = 0; i < toEmbed.size(); i++) {
            known.put(embedKey(toEmbed.get(i).text()), computed.get(i).vector());
        }
        List<List<Document>> result = new ArrayList<>();
        int v = 0;
        int ai = 0;
        for (IndexableArticle a : articles) {
            List<Document> docs = new ArrayList<>();
            boolean covered = emb.covers(a.locale());
            String titleKey = covered && titles ? embedKey(texts.get(v++)) : null;
            for (Passage p : passages.get(ai)) {
                String key = covered ? embedKey(texts.get(v++)) : null;
                docs.add(document(a, p, key, key == null ? null : known.get(key), titleKey,
                        titleKey == null ? null : known.get(titleKey)));
            }
            result.add(docs);
            ai++;
        }
        return result;
    }

    private boolean embedsTitles() {
        return options.retrieval().titleVector() > 0;
    }

    /** Identifies an embedded text; 128 bits of SHA-256 make an accidental collision practically impossible. */
    static String embedKey(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vectors already in the index for these texts, found by their keys (passage and title vectors alike). */
    private Map<String, float[]> knownVectors(List<String> texts) {
        Map<String, float[]> found = new HashMap<>();
        if (texts.isEmpty()) {
            return found;
        }
        Set<String> keys = new HashSet<>();
        texts.forEach(t -> keys.add(embedKey(t)));
        try {
            IndexSearcher s = searchers.acquire();
            try {
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    lookup(leaf, F_EMBED_KEY, F_VECTOR, keys, found);
                    lookup(leaf, F_TITLE_EMBED_KEY, F_TITLE_VECTOR, keys, found);
                }
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void lookup(LeafReaderContext leaf, String keyField, String vectorField, Set<String> keys,
                               Map<String, float[]> found) throws IOException {
        org.apache.lucene.index.Terms terms = leaf.reader().terms(keyField);
        if (terms == null) {
            return;
        }
        org.apache.lucene.index.TermsEnum te = terms.iterator();
        org.apache.lucene.index.PostingsEnum postings = null;
        for (String key : keys) {
            if (found.containsKey(key) || !te.seekExact(new BytesRef(key))) {
                continue;
            }
            postings = te.postings(postings, org.apache.lucene.index.PostingsEnum.NONE);
            int doc = postings.nextDoc();
            if (doc == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                continue;
            }
            // A fresh iterator per key: vector iterators only move forward and keys come in no particular order.
            org.apache.lucene.index.FloatVectorValues values = leaf.reader().getFloatVectorValues(vectorField);
            if (values != null && values.advance(doc) == doc) {
                found.put(key, values.vectorValue().clone());
            }
        }
    }

    /**
     * The title (and section) are embedded with the passage: a passage's sentences often only make sense with
     * the task they belong to ("Click Save." under "Changing your email address").
     */
    static String embeddingText(IndexableArticle a, Passage p) {
        StringBuilder sb = new StringBuilder(a.title());
        if (!p.sectionTitle().isEmpty()) {
            sb.append(" — ").append(p.sectionTitle());
        }
        return sb.append('\n').append(p.text()).toString();
    }

    /** Title and tags: what the article is about, in the words a writer chose to name it. */
    static String titleText(IndexableArticle a) {
        String title = TextNormalizer.inlineMarkdownToText(a.title());
        return a.tags().isEmpty() ? title : title + " (" + String.join(", ", a.tags()) + ")";
    }

    private List<Embedding> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i += EMBED_BATCH) {
            out.addAll(options.embedding().model().embedAll(segments.subList(i, Math.min(segments.size(), i + EMBED_BATCH))).content());
        }
        return out;
    }

    private Document document(IndexableArticle a, Passage p, String key, float[] vector, String titleKey, float[] titleVector) {
        Document d = new Document();
        String locale = a.locale();
        d.add(new StringField(F_ARTICLE_ID, a.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(F_ARTICLE_ID, new BytesRef(a.id())));
        d.add(new StoredField(F_SLUG, a.slug()));
        d.add(new StringField(F_LOCALE, locale, Field.Store.YES));
        d.add(new StringField(F_LANG, LocaleAnalyzers.language(locale), Field.Store.NO));
        d.add(new StringField(F_PUBLISHED, Boolean.toString(a.published()), Field.Store.NO));
        d.add(new StoredField(F_TITLE, a.title()));
        d.add(new StoredField(F_SECTION, p.sectionTitle()));
        d.add(new StoredField(F_TEXT, p.text()));
        d.add(new StoredField(F_ORDINAL, p.ordinal()));
        if (a.url() != null) {
            d.add(new StoredField(F_URL, a.url()));
        }
        d.add(new TextField(LocaleAnalyzers.field(F_TITLE, locale), TextNormalizer.inlineMarkdownToText(a.title()), Field.Store.NO));
        if (!p.sectionTitle().isEmpty()) {
            d.add(new TextField(LocaleAnalyzers.field(F_SECTION, locale), p.sectionTitle(), Field.Store.NO));
        }
        if (!a.tags().isEmpty()) {
            d.add(new TextField(LocaleAnalyzers.field(F_TAGS, locale), String.join(" , ", a.tags()), Field.Store.NO));
        }
        d.add(new TextField(LocaleAnalyzers.field(F_TEXT, locale), p.text(), Field.Store.NO));
        if (vector != null) {
            d.add(new KnnFloatVectorField(F_VECTOR, vector, VectorSimilarityFunction.COSINE));
            d.add(new StringField(F_EMBED_KEY, key, Field.Store.NO));
        }
        if (p.ordinal() == 0) {
            d.add(new TextField(LocaleAnalyzers.field(F_ARTICLE, locale),
                    TextNormalizer.inlineMarkdownToText(a.title()) + "\n" + TextNormalizer.markdownToText(a.body()), Field.Store.NO));
            if (titleVector != null) {
                d.add(new KnnFloatVectorField(F_TITLE_VECTOR, titleVector, VectorSimilarityFunction.COSINE));
                d.add(new StringField(F_TITLE_EMBED_KEY, titleKey, Field.Store.NO));
            }
        }
        return d;
    }

    // ------------------------------------------------------------------------------------------------ reading

    public int articleCount() {
        return count(true);
    }

    public int passageCount() {
        return count(false);
    }

    private int count(boolean distinctArticles) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                if (!distinctArticles) {
                    return s.getIndexReader().numDocs();
                }
                Set<String> ids = new HashSet<>();
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    SortedDocValues dv = leaf.reader().getSortedDocValues(F_ARTICLE_ID);
                    if (dv == null) {
                        continue;
                    }
                    var live = leaf.reader().getLiveDocs();
                    for (int doc = dv.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            ids.add(dv.lookupOrd(dv.ordValue()).utf8ToString());
                        }
                    }
                }
                return ids.size();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchResult search(String query, String locale, int limit) {
        long start = System.nanoTime();
        String requested = locale == null || locale.isBlank() ? options.retrieval().defaultLocale() : locale;
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<ArticleHit> hits = search(searcher, query, requested, limit);
                String searched = requested;
                boolean fellBack = false;
                String defaultLocale = options.retrieval().defaultLocale();
                if (hits.isEmpty() && !LocaleAnalyzers.language(requested).equals(LocaleAnalyzers.language(defaultLocale))) {
                    hits = search(searcher, query, defaultLocale, limit);
                    searched = defaultLocale;
                    fellBack = true;
                }
                return new SearchResult(query, requested, searched, fellBack, options.embedding().covers(searched),
                        hits, System.nanoTime() - start);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Knowledge index search failed", e);
        }
    }

    /** The four ranked lists that are fused (see {@link RetrievalSettings}). */
    private enum Signal { PASSAGE_LEXICAL, ARTICLE_LEXICAL, PASSAGE_VECTOR, TITLE_VECTOR }

    /** Per-article aggregation of the passage-level results. */
    private static final class Candidate {
        final String articleId;
        final int[] doc = {-1, -1, -1, -1};       // best doc per signal
        final float[] score = new float[4];       // BM25 score or cosine per signal
        final int[] passageRank = new int[4];     // rank of the best doc among the signal's hits
        final int[] rank = new int[4];            // article rank per signal, 1-based, 0 = absent
        final Set<Integer> docs = new LinkedHashSet<>();
        double fused;

        Candidate(String articleId) {
            this.articleId = articleId;
        }

        boolean has(Signal s) {
            return doc[s.ordinal()] >= 0;
        }
    }

    private List<ArticleHit> search(IndexSearcher searcher, String query, String locale, int limit) throws IOException {
        RetrievalSettings rs = options.retrieval();
        String lang = LocaleAnalyzers.language(locale);
        Analyzer analyzer = analyzers.forLocale(locale);
        List<String> terms = analyze(analyzer, query);
        Query filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(F_LANG, lang)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(F_PUBLISHED, "true")), BooleanClause.Occur.FILTER)
                .build();

        Map<String, Candidate> candidates = new LinkedHashMap<>();
        if (!terms.isEmpty()) {
            if (rs.passageLexical() > 0) {
                collect(searcher, searcher.search(lexicalQuery(terms, locale, filter), rs.candidates()), Signal.PASSAGE_LEXICAL, candidates, false);
            }
            if (rs.articleLexical() > 0) {
                collect(searcher, searcher.search(articleQuery(terms, locale, filter), rs.candidates()), Signal.ARTICLE_LEXICAL, candidates, false);
            }
        }
        EmbeddingSupport emb = options.embedding();
        if (emb.covers(locale) && !query.isBlank() && (rs.passageVector() > 0 || rs.titleVector() > 0)) {
            float[] q = emb.model().embed(emb.queryPrefix() + query).content().vector();
            if (rs.passageVector() > 0) {
                collect(searcher, searcher.search(new KnnFloatVectorQuery(F_VECTOR, q, rs.candidates(), filter), rs.candidates()),
                        Signal.PASSAGE_VECTOR, candidates, true);
            }
            if (rs.titleVector() > 0) {
                collect(searcher, searcher.search(new KnnFloatVectorQuery(F_TITLE_VECTOR, q, rs.candidates(), filter), rs.candidates()),
                        Signal.TITLE_VECTOR, candidates, true);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Candidate> all = new ArrayList<>(candidates.values());
        double[] top = new double[4];
        double[] floor = new double[4];
        for (Signal s : Signal.values()) {
            int i = s.ordinal();
            List<Candidate> ranked = all.stream().filter(c -> c.has(s))
                    .sorted(Comparator.comparingDouble((Candidate c) -> -c.score[i])).toList();
            for (int r = 0; r < ranked.size(); r++) {
                ranked.get(r).rank[i] = r + 1;
            }
            top[i] = ranked.isEmpty() ? 0 : ranked.get(0).score[i];
            // BM25 is normalised by the best score alone (0 stays "no match"); cosines have no natural zero, so
            // they are rescaled between the worst and the best candidate of this query.
            boolean lexical = s == Signal.PASSAGE_LEXICAL || s == Signal.ARTICLE_LEXICAL;
            floor[i] = lexical || ranked.isEmpty() ? 0 : ranked.get(ranked.size() - 1).score[i];
        }
        double[] weights = {rs.passageLexical(), rs.articleLexical(), rs.passageVector(), rs.titleVector()};
        for (Candidate c : all) {
            double f = 0;
            for (int i = 0; i < 4; i++) {
                if (c.rank[i] == 0 || weights[i] == 0) {
                    continue;
                }
                f += switch (rs.fusion()) {
                    case RRF -> weights[i] / (rs.rrfK() + c.rank[i]);
                    case BLEND -> top[i] > floor[i] ? weights[i] * (c.score[i] - floor[i]) / (top[i] - floor[i]) : weights[i];
                };
            }
            c.fused = f;
        }
        all.sort(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparing(c -> c.articleId));

        Set<String> termSet = new HashSet<>(terms);
        Map<String, Double> idf = termWeights(searcher, LocaleAnalyzers.field(F_ARTICLE, locale), termSet);
        int unseen = (int) idf.values().stream().filter(w -> w.isNaN()).count();
        StoredFields stored = searcher.storedFields();
        List<ArticleHit> hits = new ArrayList<>();
        int lex = Signal.PASSAGE_LEXICAL.ordinal();
        int vec = Signal.PASSAGE_VECTOR.ordinal();
        for (Candidate c : all.subList(0, Math.min(limit, all.size()))) {
            int best = bestPassage(c, rs);
            Document d = stored.document(best);
            String title = d.get(F_TITLE);
            String section = d.get(F_SECTION);
            String text = d.get(F_TEXT);
            // Each sentence is analysed once: its terms serve both the coverage signal and the snippet choice.
            List<String> sentences = TextNormalizer.sentences(text, SNIPPET_CHARS);
            List<Set<String>> sentenceTerms = new ArrayList<>(sentences.size());
            for (String sentence : sentences) {
                sentenceTerms.add(new HashSet<>(analyze(analyzer, sentence)));
            }
            Set<String> titleTerms = new HashSet<>(analyze(analyzer, title));
            Set<String> passageTerms = new HashSet<>(titleTerms);
            passageTerms.addAll(analyze(analyzer, section));
            sentenceTerms.forEach(passageTerms::addAll);
            SearchEvidence ev = new SearchEvidence(c.rank[lex], c.score[lex], (float) top[lex], c.rank[vec],
                    c.has(Signal.PASSAGE_VECTOR) ? c.score[vec] : Float.NaN,
                    coverage(termSet, passageTerms), coverage(termSet, titleTerms), termSet.size(), c.docs.size(),
                    weightedCoverage(idf, passageTerms), unseen);
            hits.add(new ArticleHit(c.articleId, d.get(F_SLUG), d.get(F_LOCALE), title, d.get(F_URL), c.fused,
                    section, text, snippet(sentences, sentenceTerms, termSet), ev));
        }
        return hits;
    }

    private static void collect(IndexSearcher searcher, TopDocs top, Signal signal, Map<String, Candidate> candidates,
                                boolean cosine) throws IOException {
        String[] ids = articleIds(searcher, top.scoreDocs);
        int i = signal.ordinal();
        for (int r = 0; r < top.scoreDocs.length; r++) {
            ScoreDoc sd = top.scoreDocs[r];
            Candidate c = candidates.computeIfAbsent(ids[r], Candidate::new);
            if (signal != Signal.ARTICLE_LEXICAL && signal != Signal.TITLE_VECTOR) {
                c.docs.add(sd.doc);
            }
            if (c.doc[i] < 0) {
                c.doc[i] = sd.doc;
                c.score[i] = cosine ? 2 * sd.score - 1 : sd.score; // Lucene scores COSINE as (1 + cos) / 2
                c.passageRank[i] = r + 1;
            }
        }
    }

    /**
     * The passage shown for an article: the better of its best lexical and best vector passage, compared by their
     * rank among passages; an article found only by its title or as a whole shows its first passage.
     */
    private static int bestPassage(Candidate c, RetrievalSettings rs) {
        int lex = Signal.PASSAGE_LEXICAL.ordinal();
        int vec = Signal.PASSAGE_VECTOR.ordinal();
        if (c.doc[lex] < 0 && c.doc[vec] < 0) {
            return c.doc[Signal.ARTICLE_LEXICAL.ordinal()] >= 0 ? c.doc[Signal.ARTICLE_LEXICAL.ordinal()]
                    : c.doc[Signal.TITLE_VECTOR.ordinal()];
        }
        if (c.doc[lex] < 0) {
            return c.doc[vec];
        }
        if (c.doc[vec] < 0) {
            return c.doc[lex];
        }
        double l = rs.passageLexical() / (rs.rrfK() + c.passageRank[lex]);
        double v = rs.passageVector() / (rs.rrfK() + c.passageRank[vec]);
        return l >= v ? c.doc[lex] : c.doc[vec];
    }

    private Query articleQuery(List<String> terms, String locale, Query filter) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        addField(should, LocaleAnalyzers.field(F_ARTICLE, locale), terms, 1f);
        return new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    private Query lexicalQuery(List<String> terms, String locale, Query filter) {
        RetrievalSettings rs = options.retrieval();
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        addField(should, LocaleAnalyzers.field(F_TEXT, locale), terms, 1f);
        addField(should, LocaleAnalyzers.field(F_TITLE, locale), terms, rs.titleBoost());
        addField(should, LocaleAnalyzers.field(F_SECTION, locale), terms, rs.sectionBoost());
        addField(should, LocaleAnalyzers.field(F_TAGS, locale), terms, rs.sectionBoost());
        return new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    private static void addField(BooleanQuery.Builder b, String field, List<String> terms, float boost) {
        BooleanQuery.Builder fq = new BooleanQuery.Builder();
        for (String t : terms) {
            fq.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        Query q = fq.build();
        b.add(boost == 1f ? q : new BoostQuery(q, boost), BooleanClause.Occur.SHOULD);
    }

    /**
     * Article ids of the hits, read from doc values. Doc-values iterators only move forward, so the hits are visited
     * in doc-id order with one iterator per segment (a fresh iterator per hit costs more than the search itself).
     */
    private static String[] articleIds(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[hits.length];
        int currentLeaf = -1;
        SortedDocValues dv = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int leafIndex = ReaderUtil.subIndex(doc, leaves);
            if (leafIndex != currentLeaf) {
                currentLeaf = leafIndex;
                leaf = leaves.get(leafIndex);
                dv = leaf.reader().getSortedDocValues(F_ARTICLE_ID);
            }
            if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("passage without article id: " + doc);
            }
            ids[i] = dv.lookupOrd(dv.ordValue()).utf8ToString();
        }
        return ids;
    }

    /** Distinct analysed terms, in query order. */
    static List<String> analyze(Analyzer analyzer, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out);
    }

    /**
     * IDF of each query term over the locale's whole-article field; NaN for a term no article contains (such a term
     * says the question is about something the knowledge base never mentions, so it is counted apart).
     */
    private static Map<String, Double> termWeights(IndexSearcher searcher, String field, Set<String> terms)
            throws IOException {
        var reader = searcher.getIndexReader();
        int n = Math.max(1, reader.getDocCount(field));
        Map<String, Double> weights = new HashMap<>();
        for (String t : terms) {
            int df = reader.docFreq(new Term(field, t));
            weights.put(t, df == 0 ? Double.NaN : Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return weights;
    }

    /** Share of the query's IDF mass (terms the knowledge base knows) found in the text. */
    private static float weightedCoverage(Map<String, Double> idf, Set<String> text) {
        double all = 0;
        double found = 0;
        for (Map.Entry<String, Double> e : idf.entrySet()) {
            if (e.getValue().isNaN()) {
                continue;
            }
            all += e.getValue();
            if (text.contains(e.getKey())) {
                found += e.getValue();
            }
        }
        return all == 0 ? 0f : (float) (found / all);
    }

    private static float coverage(Set<String> query, Set<String> text) {
        if (query.isEmpty()) {
            return 0f;
        }
        int n = 0;
        for (String t : query) {
            if (text.contains(t)) {
                n++;
            }
        }
        return (float) n / query.size();
    }

    /** The sentence of the passage sharing most query terms, extended with the following ones up to ~240 characters. */
    static String snippet(List<String> sentences, List<Set<String>> sentenceTerms, Set<String> queryTerms) {
        if (sentences.isEmpty()) {
            return "";
        }
        int best = 0;
        int bestOverlap = -1;
        for (int i = 0; i < sentences.size(); i++) {
            int overlap = 0;
            for (String t : sentenceTerms.get(i)) {
                if (queryTerms.contains(t)) {
                    overlap++;
                }
            }
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = i;
            }
        }
        StringBuilder sb = new StringBuilder(sentences.get(best));
        for (int i = best + 1; i < sentences.size() && sb.length() + sentences.get(i).length() < SNIPPET_CHARS; i++) {
            sb.append(' ').append(sentences.get(i));
        }
        String s = sb.toString();
        if (s.length() <= SNIPPET_CHARS) {
            return s;
        }
        int cut = s.lastIndexOf(' ', SNIPPET_CHARS);
        return s.substring(0, cut > 0 ? cut : SNIPPET_CHARS) + " …";
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            searchers.close();
            writer.close();
            analyzers.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }
}
