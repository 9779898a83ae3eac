package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * block other writers.
 */
final class ArticleDocuments {

    private static final int EMBED_BATCH = 128;

    private final KnowledgeIndex.Options options;
    private final VectorStore vectors;

    ArticleDocuments(KnowledgeIndex.Options options, VectorStore vectors) {
        this.options = options;
        this.vectors = vectors;
    }

    /** The documents of each article, in the order of {@code articles}. */
    List<List<Document>> toDocuments(Collection<IndexableArticle> articles) {
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
        Map<String, float[]> known = vectorsFor(texts);
        List<List<Document>> result = new ArrayList<>();
        int v = 0;
        int ai = 0;
        for (IndexableArticle a : articles) {
            List<Document> docs = new ArrayList<>();
            boolean covered = emb.covers(a.locale());
            IndexSchema.EmbeddedText title = covered && titles ? embedded(texts.get(v++), known) : null;
            for (Passage p : passages.get(ai)) {
                IndexSchema.EmbeddedText passage = covered ? embedded(texts.get(v++), known) : null;
                docs.add(IndexSchema.document(a, p, passage, title));
            }
            result.add(docs);
            ai++;
        }
        return result;
    }

    private static IndexSchema.EmbeddedText embedded(String text, Map<String, float[]> known) {
        String key = VectorStore.key(text);
        float[] vector = known.get(key);
        return vector == null ? null : new IndexSchema.EmbeddedText(key, vector);
    }

    /** Vectors of all these texts: the known ones from the store, the others embedded now (each distinct text once). */
    private Map<String, float[]> vectorsFor(List<String> texts) {
        Set<String> keys = new HashSet<>();
        texts.forEach(t -> keys.add(VectorStore.key(t)));
        Map<String, float[]> known = new java.util.HashMap<>(vectors.find(keys));
        List<TextSegment> toEmbed = texts.stream().filter(t -> !known.containsKey(VectorStore.key(t))).distinct()
                .map(TextSegment::from).toList();
        List<Embedding> computed = embedAll(toEmbed);
        Map<String, float[]> fresh = new java.util.HashMap<>();
        for (int i = 0; i < toEmbed.size(); i++) {
            fresh.put(VectorStore.key(toEmbed.get(i).text()), computed.get(i).vector());
        }
        if (!fresh.isEmpty()) {
            vectors.save(fresh);
            known.putAll(fresh);
        }
        return known;
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
