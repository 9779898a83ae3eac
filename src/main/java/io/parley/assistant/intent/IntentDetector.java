package io.parley.assistant.intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.parley.assistant.language.TextNormalizer;

/**
 * Recognises what a message is before anything is searched: courtesy (answered without a search), an explicit
 * request for a human (straight to hand-off), feedback on the last answer, and frustration. Rules over phrase lists
 * in every supported language; deliberately conservative, because a false "you want a human" is cheap but a
 * missed one is what makes customers angry.
 */
public final class IntentDetector {

    private static final int SHORT_MESSAGE_WORDS = 4;
    private static final int WINDOW = 4;

    private final Map<Intent, List<String[]>> smallTalk;
    private final List<String[]> filler = phrases(Lexicon.FILLER);
    private final List<String[]> affirm = phrases(Lexicon.AFFIRM);
    private final List<String[]> deny = phrases(Lexicon.DENY);
    private final List<String[]> humanWords = phrases(Lexicon.HUMAN_WORDS);
    private final List<String> humanStems = Lexicon.HUMAN_STEMS.stream().map(TextNormalizer::normalize).toList();
    private final List<String[]> weakHumanWords = phrases(Lexicon.WEAK_HUMAN_WORDS);
    private final List<String[]> talkPhrases = phrases(Lexicon.TALK_PHRASES);
    private final List<String[]> wantPhrases = phrases(Lexicon.WANT_PHRASES);
    private final List<String[]> frustration = phrases(Lexicon.FRUSTRATION);
    private final List<String[]> strongFrustration = phrases(Lexicon.STRONG_FRUSTRATION);

    public IntentDetector() {
        this.smallTalk = Map.of(
                Intent.THANKS, phrases(Lexicon.SMALL_TALK.get(Intent.THANKS)),
                Intent.GOODBYE, phrases(Lexicon.SMALL_TALK.get(Intent.GOODBYE)),
                Intent.GREETING, phrases(Lexicon.SMALL_TALK.get(Intent.GREETING)));
    }

    /**
     * @param awaitingFeedback the bot's last message asked "Did that answer your question?", so a bare yes/no is
     *     feedback rather than small talk
     */
    public Intent classify(String text, boolean awaitingFeedback) {
        String[] words = TextNormalizer.words(text);
        if (words.length == 0) {
            return Intent.QUESTION;
        }
        if (asksForHuman(words)) {
            return Intent.HUMAN_REQUEST;
        }
        if (awaitingFeedback) {
            String[] rest = remove(remove(words, filler), smallTalk.get(Intent.THANKS));
            if (rest.length <= 6 && covers(rest, deny)) {
                return Intent.DENY;
            }
            if (rest.length <= 6 && (covers(rest, affirm) || rest.length == 0)) {
                return Intent.AFFIRM;
            }
        }
        for (Intent intent : List.of(Intent.THANKS, Intent.GOODBYE, Intent.GREETING)) {
            String[] rest = remove(words, smallTalk.get(intent));
            if (rest.length < words.length) {
                String[] remaining = remove(remove(remove(rest, filler), smallTalk.get(Intent.GREETING)), smallTalk.get(Intent.THANKS));
                remaining = remove(remaining, smallTalk.get(Intent.GOODBYE));
                if (remaining.length == 0) {
                    return intent;
                }
            }
        }
        return Intent.QUESTION;
    }

    public boolean asksForHuman(String text) {
        return asksForHuman(TextNormalizer.words(text));
    }

    /** @return 0 no frustration, 1 some, 2 strong */
    public int frustration(String text) {
        String[] words = TextNormalizer.words(text);
        if (!positions(words, strongFrustration).isEmpty()) {
            return 2;
        }
        long shouted = Arrays.stream(text.split("\\s+")).filter(w -> w.length() > 3 && w.equals(w.toUpperCase())
                && w.chars().anyMatch(Character::isLetter)).count();
        boolean exclaims = text.contains("!!") || text.contains("?!");
        if (!positions(words, frustration).isEmpty() || shouted >= 2 || exclaims && shouted >= 1) {
            return 1;
        }
        return 0;
    }

    private boolean asksForHuman(String[] words) {
        List<Integer> strong = positions(words, humanWords);
        for (int i = 0; i < words.length; i++) {
            for (String stem : humanStems) {
                if (words[i].startsWith(stem) && words[i].length() - stem.length() <= 5) {
                    strong.add(i);
                }
            }
        }
        String[] content = remove(remove(words, filler), smallTalk.get(Intent.GREETING));
        if (!strong.isEmpty() && content.length <= SHORT_MESSAGE_WORDS) {
            return true;
        }
        List<Integer> talk = positions(words, talkPhrases);
        List<Integer> want = positions(words, wantPhrases);
        List<Integer> weak = positions(words, weakHumanWords);
        return near(strong, talk) || near(strong, want) || near(weak, talk);
    }

    private static boolean near(List<Integer> a, List<Integer> b) {
        for (int x : a) {
            for (int y : b) {
                if (Math.abs(x - y) <= WINDOW) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String[]> phrases(List<String> raw) {
        // longest first, so "danke schön" is taken whole rather than as "danke" plus a leftover word
        return raw.stream().map(TextNormalizer::words).filter(p -> p.length > 0)
                .sorted((a, b) -> Integer.compare(b.length, a.length)).toList();
    }

    private static List<Integer> positions(String[] words, List<String[]> phrases) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            for (String[] phrase : phrases) {
                if (matchesAt(words, i, phrase)) {
                    found.add(i);
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(String[] words, int start, String[] phrase) {
        if (start + phrase.length > words.length) {
            return false;
        }
        for (int k = 0; k < phrase.length; k++) {
            if (!words[start + k].equals(phrase[k])) {
                return false;
            }
        }
        return true;
    }

    /** True when every word belongs to one of the phrases. */
    private static boolean covers(String[] words, List<String[]> phrases) {
        return words.length > 0 && remove(words, phrases).length == 0;
    }

    private static String[] remove(String[] words, List<String[]> phrases) {
        List<String> kept = new ArrayList<>();
        int i = 0;
        outer:
        while (i < words.length) {
            for (String[] phrase : phrases) {
                if (matchesAt(words, i, phrase)) {
                    i += phrase.length;
                    continue outer;
                }
            }
            kept.add(words[i]);
            i++;
        }
        return kept.toArray(String[]::new);
    }
}
