package io.parley.knowledge.index;

import java.util.TreeSet;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The document layout of the knowledge index: one Lucene document per passage, the field names, and the signature
 * stored with every commit so an index written with another layout, analysis or embedding model is rebuilt.
 */
final class IndexSchema {

    /** Bump when the document layout or analysis changes, so existing indexes are rebuilt. */
    static final int SCHEMA_VERSION = 3;
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
    /**
     * On the passages of an article the model covers whose vectors are still being computed (a lexical-first build):
     * indexed, to count them, and as doc values, to tell a search which candidates cannot have a vector match.
     */
    static final String F_VECTORS_PENDING = "vectors_pending";

    private IndexSchema() {
    }

    static String signature(IndexOptions options) {
        EmbeddingSupport emb = options.embedding();
        int dimension = emb.enabled() ? emb.model().dimension() : 0;
        return "schema=" + SCHEMA_VERSION + ";titles=" + (options.retrieval().titleVector() > 0)
                + ";embedding=" + emb.modelId() + ":" + dimension
                + ":" + emb.queryPrefix().hashCode() + ":" + emb.passagePrefix().hashCode()
                + ":" + new TreeSet<>(emb.languages());
    }

    /** A passage with its vectors (null where the model does not cover the locale) as a Lucene document. */
    static Document document(IndexableArticle a, Passage p, EmbeddedText vector, EmbeddedText titleVector) {
        return document(a, p, vector, titleVector, false);
    }

    /**
     * A passage as a Lucene document; {@code vectorsPending}: the model covers the locale but the vectors are not
     * computed yet (both vectors are null then).
     */
    static Document document(IndexableArticle a, Passage p, EmbeddedText vector, EmbeddedText titleVector,
                             boolean vectorsPending) {
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
        if (vectorsPending) {
            d.add(new StringField(F_VECTORS_PENDING, "true", Field.Store.NO));
            d.add(new NumericDocValuesField(F_VECTORS_PENDING, 1));
        }
        if (vector != null) {
            d.add(new KnnFloatVectorField(F_VECTOR, vector.vector(), VectorSimilarityFunction.COSINE));
            d.add(new StringField(F_EMBED_KEY, vector.key(), Field.Store.NO));
        }
        if (p.ordinal() == 0) {
            d.add(new TextField(LocaleAnalyzers.field(F_ARTICLE, locale),
                    TextNormalizer.inlineMarkdownToText(a.title()) + "\n" + TextNormalizer.markdownToText(a.body()), Field.Store.NO));
            if (titleVector != null) {
                d.add(new KnnFloatVectorField(F_TITLE_VECTOR, titleVector.vector(), VectorSimilarityFunction.COSINE));
                d.add(new StringField(F_TITLE_EMBED_KEY, titleVector.key(), Field.Store.NO));
            }
        }
        return d;
    }

    /** A text's vector with the key it is cached under (see {@link VectorStore#key}). */
    record EmbeddedText(String key, float[] vector) {
    }
}
