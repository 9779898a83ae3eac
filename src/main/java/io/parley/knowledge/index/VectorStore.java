package io.parley.knowledge.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where vectors of texts already embedded are found again, so re-indexing an unchanged text does not embed it twice.
 * Keys identify the exact embedded text ({@link #key}); the index signature pins the model, so a key alone is enough
 * within one store.
 */
public interface VectorStore {

    /** The vectors known for these keys; keys without one are absent from the result. */
    Map<String, float[]> find(Collection<String> keys);

    /** Remembers freshly computed vectors (a store that keeps them elsewhere, e.g. in the index itself, may ignore it). */
    default void save(Map<String, float[]> vectors) {
    }

    /** Identifies an embedded text; 128 bits of SHA-256 make an accidental collision practically impossible. */
    static String key(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
