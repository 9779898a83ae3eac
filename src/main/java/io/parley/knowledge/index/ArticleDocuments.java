package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import org.apache.lucene.document.Document;

/**
 * Turns articles into index documents: splits each body into passages and embeds what the model covers, reusing the
 * vectors the {@link VectorStore} already has, so re-importing an unchanged knowledge base, or editing one section of
 * an article, embeds only what changed. Runs outside the index's write lock: embedding is the slow part and must not
 * block other writers. A lexical-first write ({@link #build} over its inline limit) embeds nothing: what no store
 * has is left to {@link BackgroundVectors}, which calls back here with the limit lifted.
 */
final class ArticleDocuments {

    private static final int EMBED_BATCH = 128;

    private final IndexOptions options;
    private final VectorStore vectors;

    ArticleDocuments(IndexOptions options, VectorStore vectors) {
        this.options = options;
        this.vectors = vectors;
    }

    /**
     * The documents of each article, in the order of {@code articles}, and which articles were indexed without their
     * vectors.
     *
     * @param documents    per article, its passage documents
     * @param pending      articles indexed for BM25 only: some of their texts still have to be embedded
     * @param pendingTexts how many distinct texts those are
     */
    record Built(List<List<Document>> documents, List<IndexableArticle> pending, int pendingTexts) {
    }

    /** The documents of each article with all their vectors, embedding what no store has. */
    List<List<Document>> toDocuments(Collection<IndexableArticle> articles) {
        return build(articles, Integer.MAX_VALUE).documents();
    }

    /**
     * The documents of each article. Vectors the index or the model's store ({@link StoredVectorLookup}) already has
     * are used at once; the rest are embedded now when they are at most {@code inlineLimit} texts, otherwise the
     * articles that need them are indexed without vectors (lexically searchable) and returned as pending. An article
     * gets all its vectors or none, so a search sees each article either as hybrid or as lexical-only.
     */
    Built build(Collection<IndexableArticle> articles, int inlineLimit) {
        List<List<Passage>> passages = new ArrayList<>();
        List<List<String>> textsByArticle = new ArrayList<>();
        Set<String> allTexts = new LinkedHashSet<>();
        EmbeddingSupport emb = options.embedding();
        boolean titles = embedsTitles();
        for (IndexableArticle a : articles) {
            List<Passage> ps = options.splitter().split(a.body());
            if (ps.isEmpty()) {
                // An article with an empty body is still findable by its title.
                ps = List.of(new Passage(0, "", ""));
            }
            passages.add(ps);
            List<String> texts = new ArrayList<>();
            if (emb.covers(a.locale())) {
                if (titles) {
                    texts.add(emb.passagePrefix() + titleText(a));
                }
                for (Passage p : ps) {
                    texts.add(emb.passagePrefix() + embeddingText(a, p));
                }
            }
            textsByArticle.add(texts);
            allTexts.addAll(texts);
        }
        Map<String, float[]> known = knownVectors(allTexts);
        List<String> missing = allTexts.stream().filter(t -> !known.containsKey(t)).toList();
        if (!missing.isEmpty() && missing.size() <= inlineLimit) {
            known.putAll(embed(missing));
        }
        List<List<Document>> result = new ArrayList<>();
        List<IndexableArticle> pending = new ArrayList<>();
        Set<String> pendingTexts = new HashSet<>();
        int ai = 0;
        for (IndexableArticle a : articles) {
            List<String> texts = textsByArticle.get(ai);
            boolean complete = texts.stream().allMatch(known::containsKey);
            if (!complete) {
                pending.add(a);
                texts.stream().filter(t -> !known.containsKey(t)).forEach(pendingTexts::add);
            }
            List<Document> docs = new ArrayList<>();
            int v = 0;
            boolean covered = emb.covers(a.locale());
            IndexSchema.EmbeddedText title = complete && covered && titles ? embedded(texts.get(v++), known) : null;
            for (Passage p : passages.get(ai)) {
                IndexSchema.EmbeddedText passage = complete && covered ? embedded(texts.get(v++), known) : null;
                docs.add(IndexSchema.document(a, p, passage, title, covered && !complete));
            }
            result.add(docs);
            ai++;
        }
        return new Built(result, pending, pendingTexts.size());
    }

    private static IndexSchema.EmbeddedText embedded(String text, Map<String, float[]> known) {
        return new IndexSchema.EmbeddedText(VectorStore.key(text), known.get(text));
    }

    /** Vectors already computed for these texts, by text: first the index's own, then the model's store. */
    private Map<String, float[]> knownVectors(Set<String> texts) {
        Map<String, float[]> known = new HashMap<>();
        if (texts.isEmpty()) {
            return known;
        }
        Map<String, String> textByKey = new HashMap<>();
        texts.forEach(t -> textByKey.put(VectorStore.key(t), t));
        vectors.find(textByKey.keySet()).forEach((key, vector) -> known.put(textByKey.get(key), vector));
        if (options.embedding().model() instanceof StoredVectorLookup store && known.size() < texts.size()) {
            List<String> rest = texts.stream().filter(t -> !known.containsKey(t)).toList();
            known.putAll(store.storedVectors(rest));
        }
        return known;
    }

    /** Embeds these (distinct) texts now and lets the vector store remember them. */
    private Map<String, float[]> embed(List<String> texts) {
        List<Embedding> computed = embedAll(texts.stream().map(TextSegment::from).toList());
        Map<String, float[]> byText = new HashMap<>();
        Map<String, float[]> byKey = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), computed.get(i).vector());
            byKey.put(VectorStore.key(texts.get(i)), computed.get(i).vector());
        }
        vectors.save(byKey);
        return byText;
    }

    private boolean embedsTitles() {
        return options.retrieval().titleVector() > 0;
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
}
