package io.parley.assistant.language;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Makes free text comparable across scripts and keyboards before any phrase matching: Turkish dotted/dotless i
 * fold to i, Arabic yeh and kaf become Persian ones, zero-width non-joiners become spaces; other accents are kept,
 * case and punctuation are folded.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('İ', 'i')
                .replace('ي', 'ی').replace('ى', 'ی').replace('ك', 'ک')
                .replace('\u200c', ' ')
                .replace('\u0307', ' ');
        // dotted and dotless i fold together: customers type Turkish on keyboards that have only one of them
        s = s.toLowerCase(Locale.ROOT).replace('ı', 'i');
        // apostrophes join words ("don't", "Tasklane'de"); other punctuation separates them
        s = s.replaceAll("['’`]", "");
        s = s.replaceAll("[^\\p{L}\\p{N}]+", " ");
        return s.strip();
    }

    public static String[] words(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? new String[0] : normalized.split(" ");
    }
}
