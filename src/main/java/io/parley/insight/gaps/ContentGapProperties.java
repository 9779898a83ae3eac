package io.parley.insight.gaps;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the content-gap list ({@code parley.insight.content-gaps.*}).
 *
 * @param enabled whether unanswered questions are collected at all (default true)
 * @param similarity a question joins the closest group when its cosine similarity to the group's centroid is at
 *     least this (embedding model; default 0.74, chosen on paraphrased support questions with bge-small-en-v1.5:
 *     paraphrases scored 0.74–0.87, different topics at most 0.72)
 * @param lexicalSimilarity the same for languages the embedding model does not cover, where questions are compared
 *     by character trigrams (default 0.45)
 */
@ConfigurationProperties("parley.insight.content-gaps")
record ContentGapProperties(Boolean enabled, Double similarity, Double lexicalSimilarity) {

    ContentGapProperties {
        enabled = enabled == null || enabled;
        similarity = similarity == null ? 0.74 : similarity;
        lexicalSimilarity = lexicalSimilarity == null ? 0.45 : lexicalSimilarity;
    }
}
