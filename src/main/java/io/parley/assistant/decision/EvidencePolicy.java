package io.parley.assistant.decision;

import io.parley.knowledge.index.SearchResult;

/**
 * The part of the bot's decision that depends on the search evidence: answer, clarify or hand off, and how sure it
 * is. The fixed {@link ConfidencePolicy} is one; a calibrated one replaces it where the knowledge base allows.
 */
public interface EvidencePolicy extends AnswerDecision {

    /** How sure the policy is that the top hit answers, 0..1, for logs and the agent's view. */
    double confidence(SearchResult result);
}
