package io.parley.knowledge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.knowledge.index.KnowledgeIndex;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The index's state on {@code /actuator/health} (component {@code knowledgeIndex}, with details on
 * {@code /actuator/health/knowledge}): {@code complete}, or {@code ready-lexical} while a lexical-first build's vectors
 * are filled in the background. Both are UP: a lexical-only article is still found and answered from, so the node is
 * ready to serve. The same progress is the gauge {@code parley_knowledge_index_vectors_pending}.
 */
@Component("knowledgeIndex")
class KnowledgeIndexHealth implements HealthIndicator {

    static final String COMPLETE = "complete";
    static final String READY_LEXICAL = "ready-lexical";

    private final KnowledgeSearch search;

    KnowledgeIndexHealth(KnowledgeSearch search, ObjectProvider<MeterRegistry> meters) {
        this.search = search;
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Gauge.builder("parley.knowledge.index.vectors.pending", search, s -> s.vectorProgress().pendingPassages())
                    .description("passages searchable by BM25 only until the background fills their vectors").register(registry);
        }
    }

    @Override
    public Health health() {
        KnowledgeIndex.VectorProgress p = search.vectorProgress();
        return Health.up().withDetail("state", p.complete() ? COMPLETE : READY_LEXICAL)
                .withDetail("articles", search.articleCount())
                .withDetail("pendingArticles", p.pendingArticles())
                .withDetail("pendingPassages", p.pendingPassages()).build();
    }
}
