package io.parley.knowledge.index;

import java.util.concurrent.Executor;

import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * bge-small-en-v1.5 (int8), the same ONNX file and tokenizer as LangChain4j's
 * {@link BgeSmallEnV15QuantizedEmbeddingModel}, run with ONNX Runtime threads that sleep instead of spin when idle
 * (see {@link QuietOnnxModels} for why). The vectors are identical to the LangChain4j class (same model, same CLS
 * pooling).
 */
public final class BgeSmallEnQuantized extends QuietOnnxModels.Model {

    /** Loaded once per class loader; ONNX sessions are thread-safe. */
    private static final class Holder {
        static final OnnxBertBiEncoder ENCODER = QuietOnnxModels.load(BgeSmallEnV15QuantizedEmbeddingModel.class,
                "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, QuietOnnxModels.INTRA_OP_THREADS);
    }

    public BgeSmallEnQuantized(Executor executor) {
        super(executor, 384);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return Holder.ENCODER;
    }
}
