package io.parley.assistant;

import java.util.List;

import io.parley.assistant.decision.ConfidencePolicy;
import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfidencePolicyTests {

    private final ConfidencePolicy policy = ConfidencePolicy.calibrated();

    @Test
    void answersWhenTheBestArticleIsCloseAndClearlyAheadOfTheRunnerUp() {
        var decision = policy.decide("q", result(hit("a", 2.0, 0.82f, 0.7f), hit("b", 1.4, 0.74f, 0.4f)));
        assertThat(decision).isInstanceOfSatisfying(AnswerDecision.Answered.class,
                answered -> assertThat(answered.article().slug()).isEqualTo("a"));
    }

    @Test
    void asksWhichArticleIsMeantWhenTwoAreEquallyClose() {
        var decision = policy.decide("q", result(hit("a", 2.0, 0.80f, 0.6f), hit("b", 1.95, 0.79f, 0.6f),
                hit("c", 1.5, 0.60f, 0.2f)));
        assertThat(decision).isInstanceOfSatisfying(AnswerDecision.Clarify.class,
                clarify -> assertThat(clarify.options()).extracting(ArticleHit::slug).containsExactly("a", "b"));
    }

    @Test
    void asksAboutTheOnlyPlausibleArticleWhenNotSureOfIt() {
        // close enough to offer, but the passage lacks the question's rare words, so not close enough to answer
        var decision = policy.decide("q", result(hit("a", 2.0, 0.76f, 0.2f), hit("b", 1.9, 0.70f, 0.2f)));
        assertThat(decision).isInstanceOfSatisfying(AnswerDecision.Clarify.class,
                clarify -> assertThat(clarify.options()).extracting(ArticleHit::slug).containsExactly("a"));
    }

    @Test
    void aQuestionWithAWordTheKnowledgeBaseNeverMentionsNeedsACloserMatch() {
        var known = policy.decide("q", result(hit("a", 2.0, 0.76f, 0.9f, 0), hit("b", 1.2, 0.60f, 0.3f, 0)));
        var unknownWord = policy.decide("q", result(hit("a", 2.0, 0.76f, 0.9f, 1), hit("b", 1.2, 0.60f, 0.3f, 1)));
        var unknownButClose = policy.decide("q", result(hit("a", 2.0, 0.81f, 0.9f, 1), hit("b", 1.2, 0.60f, 0.3f, 1)));
        assertThat(known).isInstanceOf(AnswerDecision.Answered.class);
        assertThat(unknownWord).isInstanceOf(AnswerDecision.Clarify.class);
        assertThat(unknownButClose).isInstanceOf(AnswerDecision.Answered.class);
    }

    @Test
    void handsOffWhenNothingIsCloseEnough() {
        assertThat(policy.decide("q", result(hit("a", 2.0, 0.62f, 0.3f), hit("b", 1.2, 0.55f, 0.2f))))
                .isInstanceOfSatisfying(AnswerDecision.HandOff.class, h -> assertThat(h.reason()).isEqualTo("missing_knowledge"));
        assertThat(policy.decide("q", result())).isInstanceOf(AnswerDecision.HandOff.class);
    }

    @Test
    void languagesWithoutVectorsNeedTheQuestionCoveredByThePassage() {
        var covered = policy.decide("q", result(lexical("a", 2.0, 0.8f), lexical("b", 1.0, 0.3f)));
        var partial = policy.decide("q", result(lexical("a", 2.0, 0.4f), lexical("b", 1.0, 0.3f)));
        var unsure = policy.decide("q", result(lexical("a", 2.0, 0.6f), lexical("b", 1.0, 0.3f)));
        assertThat(unsure).isInstanceOf(AnswerDecision.Clarify.class);
        assertThat(covered).isInstanceOf(AnswerDecision.Answered.class);
        assertThat(partial).isInstanceOf(AnswerDecision.HandOff.class);
    }

    @Test
    void theBotDecisionHandsOffRequestsForAPersonAndSensitiveTopicsBeforeLookingAtScores() {
        var chat = io.parley.assistant.decision.BotDecision.defaults();
        var confident = result(hit("a", 2.0, 0.82f, 0.7f), hit("b", 1.4, 0.74f, 0.4f));
        assertThat(chat.decide("I want my money back, I was charged twice", confident))
                .isInstanceOfSatisfying(AnswerDecision.HandOff.class, h -> assertThat(h.reason()).isEqualTo("billing_dispute"));
        assertThat(chat.decide("can I talk to a human", confident))
                .isInstanceOfSatisfying(AnswerDecision.HandOff.class, h -> assertThat(h.reason()).isEqualTo("customer_request"));
        assertThat(chat.decide("How do I reset my password?", confident)).isInstanceOf(AnswerDecision.Answered.class);
    }

    private static SearchResult result(ArticleHit... hits) {
        return new SearchResult("q", "en", "en", false, true, List.of(hits), 1_000_000);
    }

    private static ArticleHit hit(String slug, double score, float cosine, float coverage) {
        return hit(slug, score, cosine, coverage, 0);
    }

    private static ArticleHit hit(String slug, double score, float cosine, float coverage, int unseenTerms) {
        return new ArticleHit(slug, slug, "en", slug, null, score, "", "text", "text",
                new SearchEvidence(1, 10f, 10f, 1, cosine, coverage, 0f, 5, 1, coverage, unseenTerms));
    }

    private static ArticleHit lexical(String slug, double score, float coverage) {
        return new ArticleHit(slug, slug, "tr", slug, null, score, "", "text", "text",
                new SearchEvidence(1, 10f, 10f, 0, Float.NaN, coverage, 0f, 5, 1));
    }
}
