package io.parley.assistant.decision;

import java.util.List;

import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchResult;

/**
 * What the bot does with a search result: answer from one article, ask a clarifying question, or hand the
 * conversation to a human. The assistant module plugs its calibrated decision in here; the evaluation runner scores
 * any implementation.
 */
@FunctionalInterface
public interface AnswerDecision {

    Decision decide(String query, SearchResult result);

    /** The outcome of a decision. */
    sealed interface Decision permits Answered, Clarify, HandOff {
    }

    /** Answer from this article. */
    record Answered(ArticleHit article) implements Decision {
    }

    /** Ask which of these the customer means. */
    record Clarify(List<ArticleHit> options) implements Decision {
        public Clarify {
            options = List.copyOf(options);
        }
    }

    /** Offer a human. */
    record HandOff(String reason) implements Decision {
    }

    /** Always answers with the top hit, hands off only when there is no hit at all. */
    static AnswerDecision alwaysAnswerTopHit() {
        return (query, result) -> result.hits().isEmpty() ? new HandOff("no matching article")
                : new Answered(result.hits().get(0));
    }
}
