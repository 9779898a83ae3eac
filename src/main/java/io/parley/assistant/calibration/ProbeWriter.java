package io.parley.assistant.calibration;

import java.util.List;

import io.parley.knowledge.index.IndexableArticle;

/**
 * Writes probe questions the way customers ask them (the configured language model, when there is one): such probes
 * are closer to real questions than the word windows of {@link ProbeGenerator}, so self-calibration learns from them
 * first. Implementations never throw; a failure gives fewer probes (or none), and the generated ones fill the rest.
 */
public interface ProbeWriter {

    /** At most {@code max} probes for the articles, spread over them; kind {@code llm}. */
    List<ProbeGenerator.Probe> write(List<IndexableArticle> articles, int max);
}
