/**
 * The knowledge-base search engine: passages, per-language analysis, the Lucene index (BM25 + KNN vectors) and hybrid
 * retrieval. Entry point: {@link io.parley.knowledge.index.KnowledgeIndex}.
 */
@org.springframework.modulith.NamedInterface("index")
package io.parley.knowledge.index;
