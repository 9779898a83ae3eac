package io.parley.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.parley.knowledge.index.StoredVectorLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passage embeddings kept in PostgreSQL by (model, content hash), in front of the embedding model: an index build
 * (a rebuild, a restart with a lost index, a new node, a switch back to an earlier model) embeds only texts that no
 * node has embedded with this model before. Batches are embedded and stored in chunks, so a build that is stopped
 * half way keeps what it did, and progress is logged and exposed ({@link #pending()}, {@link #embedded()}).
 * <p>
 * Single texts ({@link #embed(String)}: customer questions) are not stored; the {@code QueryEmbeddingCache} in front
 * of this class handles those in memory.
 */
final class StoredEmbeddings implements EmbeddingModel, StoredVectorLookup {

    private static final Logger log = LoggerFactory.getLogger(StoredEmbeddings.class);
    /** Texts embedded and stored together: small enough to keep progress, large enough to spread over the pool. */
    static final int CHUNK = 64;
    private static final int LOOKUP = 1000;

    private final EmbeddingModel delegate;
    private final String model;
    private final JdbcTemplate jdbc;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

    StoredEmbeddings(EmbeddingModel delegate, String model, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.model = model;
        this.jdbc = jdbc;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return delegate.embed(text);
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return delegate.embed(segment);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        Map<String, String> hashByText = new LinkedHashMap<>();
        for (TextSegment s : segments) {
            hashByText.computeIfAbsent(s.text(), StoredEmbeddings::hash);
        }
        Map<String, float[]> byHash = load(new ArrayList<>(hashByText.values()));
        List<String> missing = hashByText.entrySet().stream().filter(e -> !byHash.containsKey(e.getValue()))
                .map(Map.Entry::getKey).toList();
        reused.addAndGet(hashByText.size() - missing.size());
        if (!missing.isEmpty()) {
            pending.addAndGet(missing.size());
            for (int i = 0; i < missing.size(); i += CHUNK) {
                List<String> chunk = missing.subList(i, Math.min(missing.size(), i + CHUNK));
                List<Embedding> vectors = delegate.embedAll(chunk.stream().map(TextSegment::from).toList()).content();
                store(chunk, vectors, hashByText, byHash);
                pending.addAndGet(-chunk.size());
                embedded.addAndGet(chunk.size());
                progress();
            }
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(Embedding.from(byHash.get(hashByText.get(s.text()))));
        }
        return Response.from(out);
    }

    /** What PostgreSQL already has for these texts, without embedding anything (a lexical-first build's first look). */
    @Override
    public Map<String, float[]> storedVectors(java.util.Collection<String> texts) {
        Map<String, String> hashByText = new LinkedHashMap<>();
        for (String t : texts) {
            hashByText.computeIfAbsent(t, StoredEmbeddings::hash);
        }
        Map<String, float[]> byHash = load(new ArrayList<>(hashByText.values()));
        Map<String, float[]> out = new HashMap<>();
        hashByText.forEach((text, h) -> {
            float[] v = byHash.get(h);
            if (v != null) {
                out.put(text, v);
            }
        });
        reused.addAndGet(out.size());
        return out;
    }

    /** A progress line at most every 10 s while texts are being embedded (index builds call in batches). */
    private void progress() {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last > 10_000_000_000L && lastLog.compareAndSet(last, now)) {
            log.info("Embedding passages with {}: {} embedded and {} reused from PostgreSQL since start, {} pending in this batch",
                    model, embedded.get(), reused.get(), pending.get());
        }
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** Texts waiting to be embedded by builds in progress on this node. */
    long pending() {
        return pending.get();
    }

    /** Texts this node has embedded (and stored) since it started. */
    long embedded() {
        return embedded.get();
    }

    /** Texts this node found already stored instead of embedding them. */
    long reused() {
        return reused.get();
    }

    private Map<String, float[]> load(List<String> hashes) {
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < hashes.size(); i += LOOKUP) {
            List<String> part = hashes.subList(i, Math.min(hashes.size(), i + LOOKUP));
            jdbc.query(con -> {
                var ps = con.prepareStatement("select content_hash, vector from embedding_vector where model = ? and content_hash = any(?)");
                ps.setString(1, model);
                ps.setArray(2, con.createArrayOf("text", part.toArray()));
                return ps;
            }, rs -> {
                out.put(rs.getString(1), decode(rs.getBytes(2)));
            });
        }
        return out;
    }

    private void store(List<String> texts, List<Embedding> vectors, Map<String, String> hashByText, Map<String, float[]> byHash) {
        List<Object[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] v = vectors.get(i).vector();
            String h = hashByText.get(texts.get(i));
            byHash.put(h, v);
            rows.add(new Object[] {model, h, v.length, encode(v)});
        }
        // another node may have stored the same text meanwhile: the same model gives the same vector, keep the first
        jdbc.batchUpdate("insert into embedding_vector (model, content_hash, dimension, vector) values (?, ?, ?, ?) "
                + "on conflict do nothing", rows);
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] decode(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
