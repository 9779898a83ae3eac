package io.parley.assistant.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.Passage;
import io.parley.knowledge.index.PassageSplitter;

/**
 * Question-like probes made from a knowledge base's own articles, for self-calibration: each probe is asked once with
 * its source article and once with it left out. Customer questions share only part of an article's wording, so the
 * probes are deliberately partial and noisy (a few words of a sentence, words dropped, order shuffled, a title turned
 * into a question) rather than verbatim fragments, which every retriever finds and which would teach the calibrator
 * that anything is safe to answer.
 * <p>
 * Deterministic: the same articles give the same probes (seeded by article id), so a refit on an unchanged knowledge
 * base chooses the same model.
 */
public final class ProbeGenerator {

    /** One probe: the text to search and the article it was made from. */
    public record Probe(String articleId, String slug, String locale, String text, String kind) {
    }

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?؟。])\\s+|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*");
    private static final int MIN_SENTENCE_WORDS = 6;

    private final PassageSplitter splitter = new PassageSplitter();

    /**
     * Up to {@code maxProbes} probes spread evenly over the locales and, within a locale, over its articles
     * (round-robin), so a large knowledge base is sampled across all its articles and a small locale beside a large
     * one still gets enough probes to be calibrated.
     */
    public List<Probe> generate(List<IndexableArticle> articles, int maxProbes) {
        java.util.Map<String, List<List<Probe>>> byLocale = new java.util.TreeMap<>();
        for (IndexableArticle a : articles) {
            if (a.published()) {
                byLocale.computeIfAbsent(io.parley.knowledge.index.LocaleAnalyzers.language(a.locale()), k -> new ArrayList<>())
                        .add(forArticle(a));
            }
        }
        List<List<Probe>> perLocale = new ArrayList<>();
        for (List<List<Probe>> locale : byLocale.values()) {
            perLocale.add(roundRobin(locale, Integer.MAX_VALUE));
        }
        return roundRobin(perLocale, maxProbes);
    }

    private static List<Probe> roundRobin(List<List<Probe>> lists, int max) {
        List<Probe> out = new ArrayList<>();
        for (int round = 0; out.size() < max; round++) {
            boolean any = false;
            for (List<Probe> probes : lists) {
                if (round < probes.size() && out.size() < max) {
                    out.add(probes.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    /** The probes of one article, in the order they are taken: the title first, then one per section in turn. */
    List<Probe> forArticle(IndexableArticle a) {
        Random random = new Random(a.id().hashCode() * 31L + a.body().length());
        List<Probe> out = new ArrayList<>();
        out.add(probe(a, titleQuestion(a.title(), a.locale()), "title"));
        List<Passage> passages = splitter.split(a.body());
        List<List<String>> sentencesByPassage = new ArrayList<>();
        for (Passage p : passages) {
            List<String> sentences = new ArrayList<>();
            for (String s : SENTENCE.split(p.text())) {
                if (words(s).size() >= MIN_SENTENCE_WORDS) {
                    sentences.add(s);
                }
            }
            Collections.shuffle(sentences, random);
            sentencesByPassage.add(sentences);
        }
        // several probes per section, of different kinds, taken in turns so a cap keeps the mix
        String[] kinds = {"partial", "noisy", "heading"};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < passages.size(); i++) {
                List<String> sentences = sentencesByPassage.get(i);
                String kind = kinds[(round + i) % kinds.length];
                String text = switch (kind) {
                    case "heading" -> passages.get(i).sectionTitle().isBlank() || round > 0 ? null
                            : headingQuestion(passages.get(i).sectionTitle(), sentences, a.locale(), random);
                    default -> round < sentences.size() ? fragment(sentences.get(round), kind.equals("noisy"), random) : null;
                };
                if (text != null && !text.isBlank()) {
                    out.add(probe(a, text, kind));
                }
            }
        }
        return out;
    }

    private static Probe probe(IndexableArticle a, String text, String kind) {
        return new Probe(a.id(), a.slug(), a.locale(), text, kind);
    }

    /** "How do I reset my password?" from "Reset your password" in English; the title itself elsewhere. */
    static String titleQuestion(String title, String locale) {
        String t = title.strip();
        if (!locale.toLowerCase(Locale.ROOT).startsWith("en")) {
            return t.endsWith("?") ? t : t + "?";
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("how ") || lower.startsWith("what ") || lower.startsWith("why ") || lower.startsWith("can ")
                || t.endsWith("?")) {
            return t.endsWith("?") ? t : t + "?";
        }
        String body = Character.toLowerCase(t.charAt(0)) + t.substring(1);
        body = body.replaceAll("\\byour\\b", "my");
        return "How do I " + body + "?";
    }

    /** The section heading with two words of its text: a customer who names the topic and one detail. */
    private static String headingQuestion(String heading, List<String> sentences, String locale, Random random) {
        StringBuilder q = new StringBuilder(heading.strip());
        if (!sentences.isEmpty()) {
            List<String> w = words(sentences.get(0));
            for (int k = 0; k < 2 && !w.isEmpty(); k++) {
                q.append(' ').append(w.get(random.nextInt(w.size())));
            }
        }
        return locale.toLowerCase(Locale.ROOT).startsWith("en") ? q + "?" : q.toString();
    }

    /**
     * A contiguous window of 5–9 words of the sentence with about a third of them dropped; {@code noisy} also
     * shuffles the remaining words and drops one more character-level detail (a word's last letter), as customers
     * misspell and reorder.
     */
    static String fragment(String sentence, boolean noisy, Random random) {
        List<String> w = words(sentence);
        int len = Math.min(w.size(), 5 + random.nextInt(5));
        int start = w.size() == len ? 0 : random.nextInt(w.size() - len + 1);
        List<String> window = new ArrayList<>(w.subList(start, start + len));
        List<String> kept = new ArrayList<>();
        for (String word : window) {
            if (random.nextDouble() >= 0.35) {
                kept.add(word);
            }
        }
        if (kept.size() < 3) {
            kept = window.subList(0, Math.min(3, window.size()));
        }
        if (noisy) {
            kept = new ArrayList<>(kept);
            Collections.shuffle(kept, random);
            int i = random.nextInt(kept.size());
            String word = kept.get(i);
            if (word.length() > 4) {
                kept.set(i, word.substring(0, word.length() - 1));
            }
        }
        return String.join(" ", kept).toLowerCase(Locale.ROOT);
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
