package io.parley.assistant.language;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses the language of a short customer message when the widget did not say: script first (Persian vs Arabic by
 * their own letters), then the share of very common words and tell-tale letters for Latin-script languages. Short
 * messages are often ambiguous; then it returns empty and the caller keeps the conversation's language. Azerbaijani
 * and Turkish share most words and letters: only ə or words of its own tell Azerbaijani apart, and without them
 * the two tie (empty), which keeps an Azerbaijani conversation Azerbaijani.
 */
public final class LanguageDetector {

    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            "en", Set.of("the", "a", "an", "is", "are", "i", "my", "to", "how", "do", "can", "what", "why", "it", "you",
                    "and", "of", "in", "for", "with", "not", "does", "on", "me", "this", "hello", "hi", "thanks", "please",
                    "that", "didnt", "dont", "was", "have", "has", "be", "will", "would", "there", "where", "when", "your", "help"),
            "tr", Set.of("bir", "ve", "bu", "ne", "nasıl", "nasil", "mi", "mı", "mu", "mü", "için", "icin", "ile", "de",
                    "da", "ben", "benim", "var", "yok", "değil", "degil", "merhaba", "teşekkürler", "tesekkurler", "lütfen",
                    "lutfen", "neden", "hesabımı", "hesabimi", "şifremi", "sifremi", "nerede", "nedir"),
            // Azerbaijani: its own words, and the Turkish-looking ones it spells differently (necə, niyə, üçün)
            "az", Set.of("və", "ve", "bu", "nə", "necə", "nece", "niyə", "niye", "üçün", "ucun", "mən", "men", "mənim",
                    "menim", "salam", "təşəkkür", "təşəkkürlər", "tesekkurler", "zəhmət", "zehmet", "olmasa", "xahiş", "xahis",
                    "edirəm", "edirem", "harada", "hesabımı", "şifrəmi", "sifremi", "yox", "deyil", "bilərəm", "bilerem",
                    "ilə", "ile", "da", "də", "de", "mi", "nədir", "nedir"),
            "de", Set.of("der", "die", "das", "und", "ist", "ich", "nicht", "wie", "ein", "eine", "mein", "meine", "kann",
                    "zu", "mit", "für", "auf", "warum", "hallo", "danke", "bitte", "was", "wo", "es", "sie"),
            "es", Set.of("el", "la", "los", "las", "es", "y", "de", "que", "cómo", "como", "mi", "por", "para", "no",
                    "hola", "gracias", "puedo", "qué", "un", "una", "con", "en"),
            "fr", Set.of("le", "la", "les", "est", "et", "je", "mon", "ma", "comment", "pas", "un", "une", "pour",
                    "avec", "bonjour", "merci", "des", "du", "que", "pourquoi", "puis", "vous"));

    private LanguageDetector() {
    }

    public static Optional<String> detect(String text) {
        return detect(text, 1);
    }

    /**
     * Like {@link #detect(String)}, but only when the evidence is strong (a script of its own, or at least two
     * common words and twice the runner-up's score): enough to override the language the widget said.
     */
    public static Optional<String> detectConfidently(String text) {
        return detect(text, 2);
    }

    private static Optional<String> detect(String text, double minimumScore) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int arabicScript = 0;
        int persianOnly = 0;
        int arabicOnly = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0600' && c <= '\u06FF' || c >= '\uFB50' && c <= '\uFEFF') {
                arabicScript++;
                if ("پچژگکی".indexOf(c) >= 0) {
                    persianOnly++;
                }
                if ("ةيكى".indexOf(c) >= 0) {
                    arabicOnly++;
                }
            }
            else if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (arabicScript > latin) {
            return Optional.of(persianOnly >= arabicOnly ? "fa" : "ar");
        }
        if (latin == 0) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        Map<String, Double> scores = new HashMap<>();
        String[] words = lower.split("[^\\p{L}]+");
        for (var entry : COMMON_WORDS.entrySet()) {
            double score = 0;
            for (String word : words) {
                if (entry.getValue().contains(word)) {
                    score++;
                }
            }
            scores.put(entry.getKey(), score);
        }
        // letters that only some of these languages use are strong evidence even in a two-word message; Azerbaijani
        // shares Turkish's letters (half the weight: without ə they point to Turkish) and has ə, its most frequent vowel
        double turkic = 1.5 * count(lower, "ğışç") + (lower.contains("ş") ? 1.5 : 0);
        scores.merge("tr", turkic, Double::sum);
        scores.merge("az", 0.5 * turkic + 2.0 * count(lower, "ə"), Double::sum);
        scores.merge("de", 1.5 * count(lower, "äß") + (lower.contains("ö") || lower.contains("ü") ? 0.5 : 0), Double::sum);
        scores.merge("es", 1.5 * count(lower, "ñ¿¡á"), Double::sum);
        scores.merge("fr", 1.5 * count(lower, "èêàœ"), Double::sum);
        var best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        double second = scores.values().stream().sorted((a, b) -> Double.compare(b, a)).skip(1).findFirst().orElse(0.0);
        if (best.getValue() < minimumScore || best.getValue() - second < 0.5 * minimumScore
                || minimumScore > 1 && best.getValue() < 2 * second) {
            return Optional.empty();
        }
        return Optional.of(best.getKey());
    }

    private static int count(String text, String letters) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (letters.indexOf(text.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }
}
