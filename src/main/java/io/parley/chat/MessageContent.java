package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The structured content of a bot or system message: what the widget and the console render next to the text, and
 * what the bot reads back as the state of the dialogue. Written with a {@code kind} field and the field names the
 * clients have always received, so stored rows and older clients keep working (docs/API.md, "Bot messages" and
 * "System messages to the customer"); {@link #typeOf} is the one place that maps a stored kind back to its type.
 */
// a newer node may add fields; an older one reading its rows must not fail on them (the constant "state" fields too)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "kind" })
public sealed interface MessageContent {

    /** The wire name of this kind, e.g. {@code answer}. */
    @JsonProperty("kind")
    String kind();

    /**
     * The type of stored content of this {@code kind}, null for a kind this version does not know. Kind {@code handoff}
     * has always meant two things on the wire: the bot's hand-off message, and (system, with state {@code assigned})
     * the notice that an agent joined; clients tell them apart by the state, and so does this.
     */
    static Class<? extends MessageContent> typeOf(String kind, String state) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case BotAnswer.KIND -> BotAnswer.class;
            case Clarify.KIND -> Clarify.class;
            case DontKnow.KIND -> DontKnow.class;
            case OfferHuman.KIND -> OfferHuman.class;
            case HandedOff.KIND -> AgentJoined.STATE.equals(state) ? AgentJoined.class : HandedOff.class;
            case SmallTalk.KIND -> SmallTalk.class;
            case Busy.KIND -> Busy.class;
            case AnswerConfirmed.KIND -> AnswerConfirmed.class;
            case Queued.KIND -> Queued.class;
            case OutOfHours.KIND -> OutOfHours.class;
            case ReturnedToBot.KIND -> ReturnedToBot.class;
            case CsatRequest.KIND -> CsatRequest.class;
            case ContactSaved.KIND -> ContactSaved.class;
            case NpsSurvey.KIND -> NpsSurvey.class;
            case NpsAnswered.KIND -> NpsAnswered.class;
            default -> null;
        };
    }

    /** Bot content that carries the language the bot spoke in. */
    sealed interface FromBot extends MessageContent {
        String locale();
    }

    /** An answer from an article, asking "Did that answer your question?". */
    record BotAnswer(String locale, String query, String answeredArticleId, String writer, boolean feedbackRequested,
            int unhelpfulStreak, DecisionInfo decision, List<Source> sources, List<Alternative> alternatives,
            List<QuickReply> quickReplies) implements FromBot {
        public static final String KIND = "answer";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A clarifying question: which of these articles is closest? */
    record Clarify(String locale, String query, DecisionInfo decision, List<ArticleOption> options,
            List<Source> sources, List<QuickReply> quickReplies) implements FromBot {
        public static final String KIND = "clarify";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** An honest "I don't know", offering a person. */
    record DontKnow(String locale, String query, DecisionInfo decision, String offeredHandoffReason,
            List<QuickReply> quickReplies) implements FromBot {
        public static final String KIND = "dont_know";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The bot offers a person (frustration, unhelpful answers, an error); a "yes" hands over for that reason. */
    record OfferHuman(@JsonInclude(JsonInclude.Include.NON_NULL) String locale, String offeredHandoffReason,
            List<QuickReply> quickReplies) implements FromBot {
        public static final String KIND = "offer_human";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The bot hands the conversation to people ("I'm connecting you with a member of our team"). */
    record HandedOff(String locale, String handoffReason) implements FromBot {
        public static final String KIND = "handoff";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** Greeting, thanks, goodbye. */
    record SmallTalk(String locale) implements FromBot {
        public static final String KIND = "small_talk";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The bot has too many questions waiting and hands this one to a person. */
    record Busy() implements MessageContent {
        public static final String KIND = "busy";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The customer confirmed the answer helped: a bot resolution. */
    record AnswerConfirmed(String locale, String confirmedArticleId) implements FromBot {
        public static final String KIND = "resolved";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** In the queue for a person. @param expectedWait seconds, null when there is no history ("a few minutes") */
    record Queued(int position, Long expectedWait) implements MessageContent {
        public static final String KIND = "queue";

        @Override
        public String kind() {
            return KIND;
        }

        @JsonProperty("state")
        public String state() {
            return "queued";
        }
    }

    /** Queued while the team is away; the widget asks for an email address. @param backAt null: not within a year */
    record OutOfHours(Instant backAt, String timeZone, int position) implements MessageContent {
        public static final String KIND = "out_of_hours";

        @Override
        public String kind() {
            return KIND;
        }

        @JsonProperty("state")
        public String state() {
            return "queued";
        }
    }

    /**
     * An agent took the conversation ("You're now chatting with Dana"). On the wire it keeps the kind it always had,
     * {@code handoff} with state {@code assigned}, so widgets already out there keep showing it right; in the code it
     * is its own type, never confused with the bot's {@link HandedOff}.
     */
    record AgentJoined(String agentName) implements MessageContent {
        public static final String STATE = "assigned";

        @Override
        public String kind() {
            return HandedOff.KIND;
        }

        @JsonProperty("state")
        public String state() {
            return STATE;
        }
    }

    /** An agent gave the conversation back to the bot. */
    record ReturnedToBot() implements MessageContent {
        public static final String KIND = "returned_to_bot";

        @Override
        public String kind() {
            return KIND;
        }

        @JsonProperty("state")
        public String state() {
            return "bot";
        }
    }

    /** Resolved by an agent; the widget asks for a rating (CSAT). */
    record CsatRequest() implements MessageContent {
        public static final String KIND = "csat";

        @Override
        public String kind() {
            return KIND;
        }

        @JsonProperty("state")
        public String state() {
            return "resolved";
        }
    }

    /** The customer's email address was saved for an answer by email. */
    record ContactSaved(String email) implements MessageContent {
        public static final String KIND = "contact_saved";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** An NPS survey card (0 to 10). */
    record NpsSurvey(UUID surveyId, int min, int max) implements MessageContent {
        public static final String KIND = "nps";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The customer answered an NPS survey (the widget closes the card). */
    record NpsAnswered(UUID surveyId, int score) implements MessageContent {
        public static final String KIND = "nps_answered";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A button that sends {@code value} as the customer's next message. */
    record QuickReply(String label, String value) {
        public static QuickReply of(String label) {
            return new QuickReply(label, label);
        }
    }

    /**
     * An article the bot cited or showed, with the retrieval evidence behind it (ranks 0: not retrieved that way).
     *
     * @param cosine null when no vector was compared
     */
    record Source(String articleId, String slug, String locale, String title, String url, String section,
            String snippet, Double score, Integer bm25Rank, Integer vectorRank, Double cosine,
            Double queryTermCoverage) {
    }

    /** How the bot decided: {@code answer}, {@code clarify} or {@code handoff_offered}, with its confidence. */
    record DecisionInfo(String action, double confidence, String searchedLocale, boolean vectorsUsed,
            double searchMs) {
    }

    /** One choice of a clarifying question. */
    record ArticleOption(String articleId, String title, String slug) {
    }

    /** The next best article after an answer, tried once when the customer says it did not help. */
    record Alternative(String articleId, String title) {
    }
}
