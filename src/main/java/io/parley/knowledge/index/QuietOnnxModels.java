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
 * thread and sequential execution leave all parallelism to the intra-op pool, sized to the cores.
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

    static OnnxBertBiEncoder load(Class<?> anchor, String modelFile, String tokenizerFile, PoolingMode pooling) {
        ClassLoader cl = anchor.getClassLoader();
        try (InputStream model = cl.getResourceAsStream(modelFile); InputStream tokenizer = cl.getResourceAsStream(tokenizerFile)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(modelFile + " model files not on the classpath");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
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
