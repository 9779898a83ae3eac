package io.parley.assistant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.assistant.answer.AnswerRequest;
import io.parley.assistant.answer.AnswerWriter;
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
import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchResult;

/**
 * Decides the bot's reply to one customer message, in this order: an explicit request for a person, a sensitive
 * topic (both by the {@link BotDecision}'s screen), frustration, courtesy, feedback on the last answer, a choice from
 * a clarifying question, and otherwise a knowledge search whose result the {@link BotDecision} turns into an answer, a clarifying question or an
 * honest "I don't know" with the offer of a person. The dialogue's state lives in the payload of the bot's last
 * message, so nothing is kept in memory between messages.
 */
final class ReplyPlanner {

    static final String KIND = "kind";

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
        Map<String, Object> last = ctx.lastBotPayload();
        String lastKind = ctx.lastBotKind();
        Intent intent = intents.classify(text, "answer".equals(lastKind));

        Optional<AnswerDecision.HandOff> screened = decision.screen(text, intent);
        if (screened.isPresent() && intent == Intent.HUMAN_REQUEST) {
            String reason = last.get("offeredHandoffReason") instanceof String offered ? offered : BotDecision.CUSTOMER_REQUEST;
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
                        : BotReplies.text(locale, Key.GREETING), payload("small_talk", locale));
            }
            case THANKS -> {
                return say(BotReplies.text(locale, Key.THANKS), payload("small_talk", locale));
            }
            case GOODBYE -> {
                return say(BotReplies.text(locale, Key.GOODBYE), payload("small_talk", locale));
            }
            case AFFIRM -> {
                Map<String, Object> p = payload("resolved", locale);
                p.put("confirmedArticleId", last.get("answeredArticleId"));
                return say(BotReplies.text(locale, Key.GLAD), p);
            }
            case DENY -> {
                return afterUnhelpfulAnswer(ctx, last, locale);
            }
            default -> {
            }
        }
        if ("clarify".equals(lastKind)) {
            Optional<Plan> chosen = chosenOption(ctx, last, text, locale);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        String previous = "answer".equals(lastKind) || "clarify".equals(lastKind)
                ? (String) last.getOrDefault("query", ctx.previousCustomerText().orElse(null)) : null;
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
            Map<String, Object> p = payload("clarify", locale);
            p.put("query", query);
            p.put("decision", decisionInfo("clarify", decision.confidence(result), result));
            List<Map<String, Object>> options = new ArrayList<>();
            List<Map<String, Object>> replies = new ArrayList<>();
            for (ArticleHit hit : clarify.options()) {
                options.add(Map.of("articleId", hit.articleId(), "title", hit.title(), "slug", hit.slug()));
                replies.add(quickReply(hit.title()));
            }
            replies.add(quickReply(BotReplies.text(locale, Key.NONE_OF_THESE)));
            p.put("options", options);
            p.put("sources", clarify.options().stream().map(ReplyPlanner::source).toList());
            p.put("quickReplies", replies);
            return say(BotReplies.text(locale, clarify.options().size() == 1 ? Key.CLARIFY_ONE : Key.CLARIFY), p);
        }
        Map<String, Object> p = payload("dont_know", locale);
        p.put("query", query);
        p.put("decision", decisionInfo("handoff_offered", decision.confidence(result), result));
        p.put("offeredHandoffReason", "missing_knowledge");
        p.put("quickReplies", List.of(quickReply(BotReplies.text(locale, Key.TALK_TO_PERSON))));
        return say(BotReplies.text(locale, Key.DONT_KNOW), p);
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
        WrittenAnswer written = (llmWriter == null ? Optional.<WrittenAnswer>empty() : llmWriter.write(request))
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

        Map<String, Object> p = payload("answer", locale);
        p.put("query", query);
        p.put("answeredArticleId", best.articleId());
        p.put("writer", written.writer());
        p.put("feedbackRequested", true);
        p.put("unhelpfulStreak", unhelpfulStreak);
        p.put("decision", decisionInfo("answer", decision.confidence(result), result));
        p.put("sources", cited.stream().map(ReplyPlanner::source).toList());
        p.put("alternatives", alternatives.stream().map(h -> Map.of("articleId", h.articleId(), "title", h.title())).toList());
        p.put("quickReplies", List.of(quickReply(BotReplies.text(locale, Key.YES)),
                quickReply(BotReplies.text(locale, Key.NO)), quickReply(BotReplies.text(locale, Key.TALK_TO_PERSON))));
        return say(text.toString(), p);
    }

    /** "No": try the next best article once, then offer a person (two unhelpful answers in a row). */
    private Plan afterUnhelpfulAnswer(TurnContext ctx, Map<String, Object> last, String locale) {
        int streak = last.get("unhelpfulStreak") instanceof Number n ? n.intValue() + 1 : 1;
        String query = (String) last.get("query");
        if (streak < 2 && query != null && last.get("alternatives") instanceof List<?> alternatives && !alternatives.isEmpty()
                && alternatives.get(0) instanceof Map<?, ?> next) {
            SearchResult result = retriever.search(next.get("title") + " " + query, locale, 5);
            Optional<ArticleHit> hit = result.hits().stream().filter(h -> h.articleId().equals(next.get("articleId"))).findFirst();
            if (hit.isPresent()) {
                List<ArticleHit> rest = result.hits().stream()
                        .filter(h -> !h.articleId().equals(hit.get().articleId()) && !h.articleId().equals(last.get("answeredArticleId")))
                        .limit(1).toList();
                return answer(ctx, query, locale, hit.get(), result, rest, streak, BotReplies.text(locale, Key.NEXT_BEST));
            }
        }
        return offerHuman(Key.UNHELPFUL_OFFER, "negative_feedback", locale);
    }

    private Optional<Plan> chosenOption(TurnContext ctx, Map<String, Object> last, String text, String locale) {
        String chosen = TextNormalizer.normalize(text);
        if (chosen.equals(TextNormalizer.normalize(BotReplies.text(locale, Key.NONE_OF_THESE)))) {
            return Optional.of(offerHuman(Key.DONT_KNOW, "missing_knowledge", locale));
        }
        if (!(last.get("options") instanceof List<?> options)) {
            return Optional.empty();
        }
        for (Object o : options) {
            if (o instanceof Map<?, ?> option && chosen.equals(TextNormalizer.normalize(String.valueOf(option.get("title"))))) {
                String query = last.get("query") + " " + option.get("title");
                SearchResult result = retriever.search(query, locale, 5);
                Optional<ArticleHit> hit = result.hits().stream().filter(h -> h.articleId().equals(option.get("articleId"))).findFirst();
                if (hit.isPresent()) {
                    return Optional.of(answer(ctx, (String) last.get("query"), locale, hit.get(), result, List.of(), 0, null));
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
        Map<String, Object> p = payload("handoff", locale);
        p.put("handoffReason", reason);
        return new Plan.HandOff(reason, BotReplies.text(locale, key), p);
    }

    private Plan offerHuman(Key key, String reason, String locale) {
        Map<String, Object> p = payload("offer_human", locale);
        p.put("offeredHandoffReason", reason);
        p.put("quickReplies", List.of(quickReply(BotReplies.text(locale, Key.TALK_TO_PERSON))));
        return say(BotReplies.text(locale, key), p);
    }

    /**
     * The widget's locale, unless the message is clearly in another language the bot speaks (customers switch).
     */
    static String locale(TurnContext ctx) {
        String configured = ctx.conversation().locale() != null ? ctx.conversation().locale()
                : ctx.customerLocale() != null ? ctx.customerLocale() : null;
        String text = ctx.message().text();
        Optional<String> detected = TextNormalizer.words(text).length >= 3 ? LanguageDetector.detectConfidently(text)
                : Optional.empty();
        if (detected.isPresent() && BotReplies.supports(detected.get())
                && (configured == null || !BotReplies.language(configured).equals(detected.get()))) {
            return detected.get();
        }
        if (configured != null) {
            return BotReplies.language(configured);
        }
        return LanguageDetector.detect(text).filter(BotReplies::supports).orElse("en");
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

    private static Map<String, Object> payload(String kind, String locale) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(KIND, kind);
        p.put("locale", locale);
        return p;
    }

    private static Map<String, Object> quickReply(String label) {
        return Map.of("label", label, "value", label);
    }

    static Map<String, Object> source(ArticleHit h) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("articleId", h.articleId());
        s.put("slug", h.slug());
        s.put("locale", h.locale());
        s.put("title", h.title());
        s.put("url", h.url());
        s.put("section", h.sectionTitle());
        s.put("snippet", h.snippet());
        s.put("score", round(h.score()));
        s.put("bm25Rank", h.evidence().bm25Rank());
        s.put("vectorRank", h.evidence().vectorRank());
        s.put("cosine", Float.isNaN(h.evidence().cosine()) ? null : round(h.evidence().cosine()));
        s.put("queryTermCoverage", round(h.evidence().queryTermCoverage()));
        return s;
    }

    private static Map<String, Object> decisionInfo(String action, double confidence, SearchResult result) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", action);
        d.put("confidence", round(confidence));
        d.put("searchedLocale", result.searchedLocale());
        d.put("vectorsUsed", result.vectorsUsed());
        d.put("searchMs", round(result.tookNanos() / 1e6));
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Plan say(String text, Map<String, Object> payload) {
        return new Plan.Say(text, payload);
    }
}
