package io.parley.knowledge.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * bge-small-en-v1.5 (int8), the same ONNX file and tokenizer as LangChain4j's
 * {@link BgeSmallEnV15QuantizedEmbeddingModel}, run with ONNX Runtime threads that sleep instead of spin when idle.
 * <p>
 * Why: ONNX Runtime's default intra-op thread pool busy-waits between operators. On a server where the web, chat and
 * database threads share a few cores, a spinning pool competes with them and with itself: on 2 loaded cores a
 * 41-token query took 52 ms (p50) with the default pool and 22 ms with spinning off. On an idle machine the two are
 * equal. The vectors are identical to the LangChain4j class (same model, same CLS pooling).
 */
public final class BgeSmallEnQuantized extends AbstractInProcessEmbeddingModel {

    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    /** Loaded once per class loader; ONNX sessions are thread-safe. */
    private static final class Holder {
        static final OnnxBertBiEncoder ENCODER = load();
    }

    public BgeSmallEnQuantized(Executor executor) {
        super(executor);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return Holder.ENCODER;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    private static OnnxBertBiEncoder load() {
        ClassLoader cl = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream(MODEL); InputStream tokenizer = cl.getResourceAsStream(TOKENIZER)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("bge-small-en-v1.5-q model files not on the classpath");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the bge-small-en-v1.5-q ONNX model", e);
        }
    }
}
