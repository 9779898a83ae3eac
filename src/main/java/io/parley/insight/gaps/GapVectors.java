package io.parley.insight.gaps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.text.Normalizer;
import java.util.Locale;

import io.parley.core.Language;
import io.parley.knowledge.TextEmbeddings;

/**
 * Turns a question into a vector for grouping: the knowledge module's embedding model where it understands the
 * language, else character trigrams hashed into a fixed-size vector (a paraphrase in Turkish or Persian still
 * shares most of its trigrams, which is enough to group repeated questions). Vectors of different spaces are never
 * compared.
 */
final class GapVectors {

    static final int LEXICAL_DIMENSIONS = 1024;

    private final TextEmbeddings embeddings;

    GapVectors(TextEmbeddings embeddings) {
        this.embeddings = embeddings;
    }

    record Vector(String space, float[] values) {
    }

    Vector of(String text, String locale) {
        String language = language(locale);
        return embeddings.embed(text, language)
                .map(v -> new Vector(embeddings.modelId(), v))
                .orElseGet(() -> new Vector("lexical:" + language, lexical(text)));
    }

    static String language(String locale) {
        return Language.codeOf(locale);
    }

    /** Hashed character trigrams of the lower-cased words, unit length. */
    static float[] lexical(String text) {
        float[] v = new float[LEXICAL_DIMENSIONS];
        String normal = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        for (String word : normal.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = " " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                int h = padded.substring(i, i + 3).hashCode();
                v[Math.floorMod(h, LEXICAL_DIMENSIONS)] += 1;
            }
        }
        return unit(v);
    }

    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        double norm = Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static float[] add(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer buffer = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            buffer.putFloat(x);
        }
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = buffer.getFloat();
        }
        return v;
    }
}
