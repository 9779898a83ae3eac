package io.parley.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.assistant.answer.AnswerRequest;
import io.parley.assistant.answer.AnswerWriter;
import io.parley.assistant.answer.AnswerAttempt;
import io.parley.assistant.answer.WrittenAnswer;
import io.parley.assistant.decision.BotDecision;
import io.parley.assistant.intent.Intent;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.language.LanguageDetector;
import io.parley.assistant.language.TextNormalizer;
import io.parley.assistant.reply.BotReplies;
import io.parley.assistant.reply.BotReplies.Key;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.MessageContent;
import io.parley.chat.MessageContent.QuickReply;
import io.parley.core.Language;
import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchResult;

/**
 * Decides the bot's reply to one customer message, in this order: an explicit request for a person, a sensitive
 * topic (both by the {@link BotDecision}'s screen), frustration, courtesy, feedback on the last answer, a choice from
 * a clarifying question, and otherwise a knowledge search whose result the {@link BotDecision} turns into an answer,
 * a clarifying question or an honest "I don't know" with the offer of a person. The dialogue's state
 * ({@link DialogueState}) is read from the typed content of the bot's last message, so nothing is kept in memory
 * between messages.
 */
final class ReplyPlanner {

    private final IntentDetector intents;
    private final BotDecision decision;
    private final ArticleRetriever retriever;
    private final AnswerWriter llmWriter;
    private final AnswerWriter extractive = new ExtractiveAnswerWriter();

    ReplyPlanner(IntentDetector intents, BotDecision decision, ArticleRetriever retriever, AnswerWriter llmWriter) {
        this.intents = intents;
        this.decision = decision;
        this.retriever = retriever;
        this.llmWriter = llmWriter;
    }

    /** The same planner searching through {@code other}, e.g. one that records what was searched. */
    ReplyPlanner withRetriever(ArticleRetriever other) {
        return new ReplyPlanner(intents, decision, other, llmWriter);
    }

    Plan plan(TurnContext ctx) {
        String text = ctx.message().text();
        String locale = locale(ctx);
        DialogueState state = ctx.dialogue();
        Intent intent = intents.classify(text, state.afterAnswer());

        Optional<AnswerDecision.HandOff> screened = decision.screen(text, intent);
        if (screened.isPresent() && intent == Intent.HUMAN_REQUEST) {
            String reason = state.offeredHandoffReason() != null ? state.offeredHandoffReason() : BotDecision.CUSTOMER_REQUEST;
            return handOff(reason, Key.HANDOFF, locale, ctx);
        }
        if (screened.isPresent()) {
            return handOff(screened.get().reason(), Key.HANDOFF_SENSITIVE, locale, ctx);
        }
        if (frustrated(ctx, text)) {
            return offerHuman(Key.FRUSTRATION_OFFER, "frustration", locale);
        }
        switch (intent) {
            case GREETING -> {
                return say(ctx.customerName() != null ? BotReplies.text(locale, Key.GREETING_NAMED, ctx.customerName())
                        : BotReplies.text(locale, Key.GREETING), new MessageContent.SmallTalk(locale));
            }
            case THANKS -> {
                return say(BotReplies.text(locale, Key.THANKS), new MessageContent.SmallTalk(locale));
            }
            case GOODBYE -> {
                return say(BotReplies.text(locale, Key.GOODBYE), new MessageContent.SmallTalk(locale));
            }
            case AFFIRM -> {
                return say(BotReplies.text(locale, Key.GLAD),
                        new MessageContent.AnswerConfirmed(locale, state.answeredArticleId()));
            }
            case DENY -> {
                return afterUnhelpfulAnswer(ctx, state, locale);
            }
            default -> {
            }
        }
        if (state.afterClarify()) {
            Optional<Plan> chosen = chosenOption(ctx, state, text, locale);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        String previous = !state.afterAnswer() && !state.afterClarify() ? null
                : state.query() != null ? state.query() : ctx.previousCustomerText().orElse(null);
        String query = FollowUps.effectiveQuery(text, previous);
        if (!query.equals(text) && !FollowUps.opensLikeFollowUp(text)) {
            // a short message may just as well be a new question ("How do I export?"): it stands alone when it can
            SearchResult alone = retriever.search(text, locale, 5);
            if (decision.onEvidence(text, alone) instanceof AnswerDecision.Answered) {
                return answerFrom(ctx, text, locale, alone);
            }
        }
        return answerFrom(ctx, query, locale, retriever.search(query, locale, 5));
    }

    private Plan answerFrom(TurnContext ctx, String query, String locale, SearchResult result) {
        AnswerDecision.Decision decided = decision.onEvidence(query, result);
        if (decided instanceof AnswerDecision.Answered answered) {
            List<ArticleHit> alternatives = result.hits().stream()
                    .filter(h -> !h.articleId().equals(answered.article().articleId())).limit(2).toList();
            return answer(ctx, query, locale, answered.article(), result, alternatives, 0, null);
        }
        if (decided instanceof AnswerDecision.Clarify clarify) {
            List<MessageContent.ArticleOption> options = new ArrayList<>();
            List<QuickReply> replies = new ArrayList<>();
            for (ArticleHit hit : clarify.options()) {
                options.add(new MessageContent.ArticleOption(hit.articleId(), hit.title(), hit.slug()));
                replies.add(QuickReply.of(hit.title()));
            }
            replies.add(QuickReply.of(BotReplies.text(locale, Key.NONE_OF_THESE)));
            return say(BotReplies.text(locale, clarify.options().size() == 1 ? Key.CLARIFY_ONE : Key.CLARIFY),
                    new MessageContent.Clarify(locale, query, decisionInfo("clarify", decision.confidence(result), result),
                            options, clarify.options().stream().map(ReplyPlanner::source).toList(), replies));
        }
        return say(BotReplies.text(locale, Key.DONT_KNOW), new MessageContent.DontKnow(locale, query,
                decisionInfo("handoff_offered", decision.confidence(result), result), "missing_knowledge",
                List.of(QuickReply.of(BotReplies.text(locale, Key.TALK_TO_PERSON)))));
    }

    private Plan answer(TurnContext ctx, String query, String locale, ArticleHit best, SearchResult result,
            List<ArticleHit> alternatives, int unhelpfulStreak, String lead) {
        List<ArticleHit> used = new ArrayList<>();
        used.add(best);
        alternatives.stream().limit(2).forEach(used::add);
        List<AnswerRequest.Source> sources = new ArrayList<>();
        for (int i = 0; i < used.size(); i++) {
            ArticleHit h = used.get(i);
            sources.add(new AnswerRequest.Source("S" + (i + 1), h.articleId(), h.slug(), h.title(), h.url(),
                    h.sectionTitle(), h.passage()));
        }
        AnswerRequest request = new AnswerRequest(query, history(ctx), sources, locale, ctx.customerName());
        AnswerAttempt attempt = llmWriter == null ? AnswerAttempt.failed() : llmWriter.attempt(request);
        if (attempt.sourcesDoNotAnswer()) {
            // the model read the articles and they do not answer: quoting the best passage anyway would be a guess
            return say(BotReplies.text(locale, Key.DONT_KNOW), new MessageContent.DontKnow(locale, query,
                    decisionInfo("handoff_offered", decision.confidence(result), result), "missing_knowledge",
                    List.of(QuickReply.of(BotReplies.text(locale, Key.TALK_TO_PERSON)))));
        }
        WrittenAnswer written = attempt.answer()
                .or(() -> extractive.write(new AnswerRequest(query, List.of(), sources.subList(0, 1), locale, ctx.customerName())))
                .orElseThrow();
        List<ArticleHit> cited = sources.stream().filter(s -> written.citedSourceIds().contains(s.id()))
                .map(s -> used.get(sources.indexOf(s))).toList();

        StringBuilder text = new StringBuilder();
        if (lead != null) {
            text.append(lead).append("\n\n");
        }
        else if (ctx.customerName() != null && !ctx.botHasAnsweredBefore()) {
            text.append(BotReplies.text(locale, Key.GREETING_NAMED, ctx.customerName()).split("!")[0]).append("! ");
        }
        text.append(written.text()).append("\n\n").append(BotReplies.text(locale, Key.ASK_FEEDBACK));

        return say(text.toString(), new MessageContent.BotAnswer(locale, query, best.articleId(), written.writer(), true,
                unhelpfulStreak, decisionInfo("answer", decision.confidence(result), result),
                cited.stream().map(ReplyPlanner::source).toList(),
                alternatives.stream().map(h -> new MessageContent.Alternative(h.articleId(), h.title())).toList(),
                List.of(QuickReply.of(BotReplies.text(locale, Key.YES)), QuickReply.of(BotReplies.text(locale, Key.NO)),
                        QuickReply.of(BotReplies.text(locale, Key.TALK_TO_PERSON)))));
    }

    /** "No": try the next best article once, then offer a person (two unhelpful answers in a row). */
    private Plan afterUnhelpfulAnswer(TurnContext ctx, DialogueState state, String locale) {
        int streak = state.unhelpfulStreak() + 1;
        String query = state.query();
        if (streak < 2 && query != null && !state.alternatives().isEmpty()) {
            MessageContent.Alternative next = state.alternatives().get(0);
            SearchResult result = retriever.search(next.title() + " " + query, locale, 5);
            Optional<ArticleHit> hit = result.hits().stream().filter(h -> h.articleId().equals(next.articleId())).findFirst();
            if (hit.isPresent()) {
                List<ArticleHit> rest = result.hits().stream()
                        .filter(h -> !h.articleId().equals(hit.get().articleId()) && !h.articleId().equals(state.answeredArticleId()))
                        .limit(1).toList();
                return answer(ctx, query, locale, hit.get(), result, rest, streak, BotReplies.text(locale, Key.NEXT_BEST));
            }
        }
        return offerHuman(Key.UNHELPFUL_OFFER, "negative_feedback", locale);
    }

    private Optional<Plan> chosenOption(TurnContext ctx, DialogueState state, String text, String locale) {
        String chosen = TextNormalizer.normalize(text);
        if (chosen.equals(TextNormalizer.normalize(BotReplies.text(locale, Key.NONE_OF_THESE)))) {
            return Optional.of(offerHuman(Key.DONT_KNOW, "missing_knowledge", locale));
        }
        for (MessageContent.ArticleOption option : state.options()) {
            if (chosen.equals(TextNormalizer.normalize(String.valueOf(option.title())))) {
                String query = state.query() + " " + option.title();
                SearchResult result = retriever.search(query, locale, 5);
                Optional<ArticleHit> hit = result.hits().stream().filter(h -> h.articleId().equals(option.articleId())).findFirst();
                if (hit.isPresent()) {
                    return Optional.of(answer(ctx, state.query(), locale, hit.get(), result, List.of(), 0, null));
                }
            }
        }
        return Optional.empty();
    }

    private boolean frustrated(TurnContext ctx, String text) {
        int level = intents.frustration(text);
        if (level >= 2) {
            return true;
        }
        if (level == 0) {
            return false;
        }
        // one annoyed message is a mood; two in a row is a customer the bot is failing
        return ctx.previousCustomerText().map(previous -> intents.frustration(previous) > 0).orElse(false);
    }

    private Plan handOff(String reason, Key key, String locale, TurnContext ctx) {
        return new Plan.HandOff(reason, BotReplies.text(locale, key), new MessageContent.HandedOff(locale, reason));
    }

    private Plan offerHuman(Key key, String reason, String locale) {
        return say(BotReplies.text(locale, key), new MessageContent.OfferHuman(locale, reason,
                List.of(QuickReply.of(BotReplies.text(locale, Key.TALK_TO_PERSON)))));
    }

    /**
     * The widget's locale, unless the message is clearly in another language the bot speaks (customers switch). With
     * no locale from the widget, the detected language even when the bot does not speak it: it searches that
     * language's articles (falling back to the default locale's) and replies in English.
     */
    static String locale(TurnContext ctx) {
        String configured = ctx.conversation().locale() != null ? ctx.conversation().locale()
                : ctx.customerLocale() != null ? ctx.customerLocale() : null;
        String text = ctx.message().text();
        Optional<String> detected = TextNormalizer.words(text).length >= 3 ? LanguageDetector.detectConfidently(text)
                : Optional.empty();
        if (detected.isPresent() && Language.supports(detected.get())
                && (configured == null || !Language.codeOf(configured).equals(detected.get()))
                && !(configured != null && closeToTurkish(configured) && detected.get().equals("tr"))) {
            return detected.get();
        }
        if (configured != null) {
            return Language.codeOf(configured);
        }
        return LanguageDetector.detect(text).orElse("en");
    }

    /**
     * Latin-script Turkic languages whose text, typed without its own letters, reads as Turkish: a customer whose
     * widget says Azerbaijani and who writes "sifremi unutdum" has not switched to Turkish.
     */
    private static boolean closeToTurkish(String locale) {
        return java.util.Set.of("az", "tk", "gag", "crh").contains(Language.codeOf(locale));
    }

    private static List<AnswerRequest.Turn> history(TurnContext ctx) {
        List<AnswerRequest.Turn> turns = new ArrayList<>();
        for (ChatMessage m : ctx.recent()) {
            if (m.seq() < ctx.message().seq() && m.author().type() != AuthorType.SYSTEM) {
                turns.add(new AnswerRequest.Turn(m.author().type().json(), m.text()));
            }
        }
        return turns;
    }

    static MessageContent.Source source(ArticleHit h) {
        return new MessageContent.Source(h.articleId(), h.slug(), h.locale(), h.title(), h.url(), h.sectionTitle(),
                h.snippet(), round(h.score()), h.evidence().bm25Rank(), h.evidence().vectorRank(),
                Float.isNaN(h.evidence().cosine()) ? null : round(h.evidence().cosine()),
                round(h.evidence().queryTermCoverage()));
    }

    private static MessageContent.DecisionInfo decisionInfo(String action, double confidence, SearchResult result) {
        return new MessageContent.DecisionInfo(action, round(confidence), result.searchedLocale(), result.vectorsUsed(),
                round(result.tookNanos() / 1e6));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Plan say(String text, MessageContent content) {
        return new Plan.Say(text, content);
    }
}
