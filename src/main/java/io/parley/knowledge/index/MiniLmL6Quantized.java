package io.parley.knowledge.index;

import java.util.concurrent.Executor;

import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (int8): 6 transformer layers instead of bge-small's 12, so about half the embedding cost, with
 * the same ONNX file, tokenizer and mean pooling as LangChain4j's {@link AllMiniLmL6V2QuantizedEmbeddingModel}, run
 * with non-spinning ONNX Runtime threads ({@link QuietOnnxModels}). Offered as the cheaper choice; whether it is good
 * enough is measured per knowledge base (docs/BENCHMARKS.md, "Embedding model").
 */
public final class MiniLmL6Quantized extends QuietOnnxModels.Model {

    /** Loaded once per class loader; ONNX sessions are thread-safe. */
    private static final class Holder {
        static final OnnxBertBiEncoder ENCODER = QuietOnnxModels.load(AllMiniLmL6V2QuantizedEmbeddingModel.class,
                "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN, QuietOnnxModels.INTRA_OP_THREADS);
    }

    public MiniLmL6Quantized(Executor executor) {
        super(executor, 384);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return Holder.ENCODER;
    }
}
