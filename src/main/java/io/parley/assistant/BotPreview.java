package io.parley.assistant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.MessageContent;
import io.parley.core.InvalidInput;
import io.parley.knowledge.KnowledgeSearch;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchResult;

import org.springframework.stereotype.Service;

/**
 * "What would the bot answer?" for writers: runs the bot's own {@link ReplyPlanner} on one question, as the first
 * message of a fresh conversation, and returns what it would post, without posting or storing anything. The
 * planner is the very one the chat uses (same intents, sensitive topics, calibrated policy and answer writer), so
 * the preview cannot drift from the bot.
 */
@Service
public class BotPreview {

    static final int MAX_QUESTION = 1_000;

    private final ReplyPlanner planner;
    private final KnowledgeSearch search;
    private final java.time.Clock clock;

    BotPreview(ReplyPlanner planner, KnowledgeSearch search, java.time.Clock clock) {
        this.planner = planner;
        this.search = search;
        this.clock = clock;
    }

    /**
     * @param locale the widget locale the customer would have; null: detected from the question, as the bot does
     * @throws InvalidInput for a blank or too long question, or a malformed locale
     */
    public Preview preview(String question, String locale) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty()) {
            throw InvalidInput.field("question", "must not be blank");
        }
        if (text.length() > MAX_QUESTION) {
            throw InvalidInput.field("question", "must be at most " + MAX_QUESTION + " characters");
        }
        String wanted = locale == null || locale.isBlank() ? null : locale.strip();
        if (wanted != null && !wanted.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
            throw InvalidInput.field("locale", "must be a language tag such as en, tr or pt-BR");
        }
        Instant now = clock.instant();
        Conversation conversation = new Conversation(UUID.randomUUID(), UUID.randomUUID(), null, wanted, 1, 0, 0, now,
                now, io.parley.chat.ConversationState.BOT, null);
        ChatMessage message = new ChatMessage(UUID.randomUUID(), conversation.id(), 1, Author.customer(null, null), text,
                null, null, now);
        TurnContext context = new TurnContext(conversation, List.of(message), message, null, wanted);
        Recorder recorder = new Recorder(search);
        Plan plan = planner.withRetriever(recorder).plan(context);
        return Preview.of(text, plan, recorder.searches);
    }

    /** Passes searches through and keeps their results: the preview shows what the decision was based on. */
    private static final class Recorder implements ArticleRetriever {
        private final ArticleRetriever delegate;
        private final List<SearchResult> searches = new ArrayList<>();

        Recorder(ArticleRetriever delegate) {
            this.delegate = delegate;
        }

        @Override
        public SearchResult search(String query, String locale, int limit) {
            SearchResult result = delegate.search(query, locale, limit);
            searches.add(result);
            return result;
        }
    }

    /**
     * What the bot would do with the question.
     *
     * @param action {@code answer}, {@code clarify}, {@code handoff} (hands over at once), {@code handoff_offered}
     *     (says it does not know and offers a person) or {@code small_talk} / {@code resolved} (no search)
     * @param reason why: {@code confident} for an answer, {@code ambiguous} for a clarifying question, the hand-off
     *     reason code ({@code missing_knowledge}, {@code customer_request}, {@code billing_dispute}, ...) otherwise
     * @param text the message exactly as the bot would post it
     * @param payload the bot message's content as it would be stored (kind, decision, sources, quick replies, ...)
     * @param searched every search the bot ran for it, with all hits (not only the cited ones) and their evidence
     */
    public record Preview(String question, String locale, String action, String reason, String text,
            MessageContent payload, List<Search> searched) {

        /** One search the bot ran, with every hit. */
        public record Search(String query, String searchedLocale, boolean fellBack, boolean vectorsUsed,
                List<MessageContent.Source> hits) {
        }

        static Preview of(String question, Plan plan, List<SearchResult> searches) {
            MessageContent payload = plan.content();
            String text = plan.text();
            String kind = payload.kind();
            String action;
            String reason;
            if (plan instanceof Plan.HandOff handOff) {
                action = "handoff";
                reason = handOff.reason();
            }
            else {
                switch (kind) {
                    case "answer" -> {
                        action = "answer";
                        reason = "confident";
                    }
                    case "clarify" -> {
                        action = "clarify";
                        reason = "ambiguous";
                    }
                    case "dont_know", "offer_human" -> {
                        action = "handoff_offered";
                        reason = String.valueOf(payload instanceof MessageContent.DontKnow d ? d.offeredHandoffReason()
                                : ((MessageContent.OfferHuman) payload).offeredHandoffReason());
                    }
                    default -> {
                        action = kind;
                        reason = kind;
                    }
                }
            }
            List<Search> searched = new ArrayList<>();
            for (SearchResult r : searches) {
                searched.add(new Search(r.query(), r.searchedLocale(), r.fellBack(), r.vectorsUsed(),
                        r.hits().stream().map(ReplyPlanner::source).toList()));
            }
            String locale = payload instanceof MessageContent.FromBot bot ? bot.locale() : null;
            return new Preview(question, String.valueOf(locale), action, reason, text, payload, searched);
        }
    }
}
