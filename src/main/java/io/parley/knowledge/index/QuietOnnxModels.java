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

/**
 * Loads LangChain4j's in-process ONNX models with session options for a server that shares a few cores.
 * <p>
 * Why: ONNX Runtime's default thread pools busy-wait between operators. On a server where the web, chat and database
 * threads share a few cores, a spinning pool competes with them and with itself: on 2 loaded cores a 41-token query
 * took 52 ms (p50) with the default pool and 22 ms with spinning off. On an idle machine the two are equal. The
 * graph is fully optimised (operator fusion) once at load; a BERT encoder is a chain of operators, so one inter-op
 * thread and sequential execution. One intra-op thread ({@link #INTRA_OP_THREADS}): measured in a quiet window on 2
 * cores (docs/BENCHMARKS.md, "Query embedding"), a short question takes the same wall time on 1 thread as on 2
 * (p50 12.8 vs 13.8 ms) for 35% less CPU (14.5 vs 22.3 ms), 2 concurrent callers get 127 instead of 82 texts/s, and
 * an index build's passages cost 106 instead of 127 ms CPU each: splitting small matrices across threads costs more
 * synchronisation than it saves, and concurrent customers or the build's two threads keep both cores busy anyway.
 */
public final class QuietOnnxModels {

    private QuietOnnxModels() {
    }

    /** A LangChain4j in-process model whose encoder comes from {@link #load}. */
    public abstract static class Model extends AbstractInProcessEmbeddingModel {
        private final int dimension;

        protected Model(Executor executor, int dimension) {
            super(executor);
            this.dimension = dimension;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }

    /**
     * bge-small-en-v1.5 (int8) with a given intra-op thread count, for benchmarks that compare it with the
     * application's {@link #INTRA_OP_THREADS}; batches run on the calling thread.
     */
    public static Model bgeSmallEnFixed(int intraOpThreads) {
        OnnxBertBiEncoder encoder = load(dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel.class,
                "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, intraOpThreads);
        return new Model(Runnable::run, 384) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }
        };
    }

    /** Each run on its caller's thread (why: the class comment). */
    static final int INTRA_OP_THREADS = 1;

    static OnnxBertBiEncoder load(Class<?> anchor, String modelFile, String tokenizerFile, PoolingMode pooling,
                                  int intraOpThreads) {
        ClassLoader cl = anchor.getClassLoader();
        try (InputStream model = cl.getResourceAsStream(modelFile); InputStream tokenizer = cl.getResourceAsStream(tokenizerFile)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(modelFile + " model files not on the classpath");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, pooling);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the ONNX model " + modelFile, e);
        }
    }
}
