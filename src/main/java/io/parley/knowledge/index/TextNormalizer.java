package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Markdown into plain text for indexing, embedding and snippets, and splits text into sentences.
 */
final class TextNormalizer {

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern REF_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\u00A0]+");
    /**
     * Sentence punctuation directly followed by a capital letter ("site.Before you begin:To use"). Text
     * scraped from help centres often lost its line breaks this way; without a space the tokenizer keeps
     * "site.Before" as one token (UAX#29 treats '.' and ':' between letters as part of a word), so neither word
     * would match a query. Lower-case followers are left alone ("Wix.com", "e.g.").
     */
    private static final Pattern GLUED_SENTENCE = Pattern.compile("([\\p{Ll}\\p{N})\\]\"'][.!?:;])(?=[\\p{Lu}])");
    /** Sentence ends: . ! ? (also full-width and Arabic question mark) followed by a space, or a line break. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？؟])\\s+|\\n+");

    private TextNormalizer() {
    }

    /** Linear in the input: the Markdown is read by {@link MarkdownText} (a CommonMark parser), not by patterns. */
    static String markdownToText(String markdown) {
        return normalizePlain(MarkdownText.toText(markdown));
    }

    /** Plain text with glued sentences separated, runs of spaces collapsed, one stripped line per non-blank line. */
    static String normalizePlain(String text) {
        String s = GLUED_SENTENCE.matcher(text).replaceAll("$1 ");
        s = HORIZONTAL_SPACE.matcher(s).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(t);
            }
        }
        return out.toString();
    }

    /** Text that is already plain (a parsed heading): only glued sentences are separated. */
    static String plainText(String s) {
        return GLUED_SENTENCE.matcher(s).replaceAll("$1 ").strip();
    }

    /** For short inline Markdown (titles, bounded by validation); bodies go through {@link #markdownToText}. */
    static String inlineMarkdownToText(String s) {
        String r = IMAGE.matcher(s).replaceAll("$1");
        r = LINK.matcher(r).replaceAll("$1");
        r = REF_LINK.matcher(r).replaceAll("$1");
        r = MarkdownText.stripTags(r);
        r = EMPHASIS.matcher(r).replaceAll("");
        r = GLUED_SENTENCE.matcher(r).replaceAll("$1 ");
        return r.strip();
    }

    /** Sentences of the text; a "sentence" longer than maxChars is cut at word boundaries. */
    static List<String> sentences(String text, int maxChars) {
        List<String> out = new ArrayList<>();
        for (String raw : SENTENCE_END.split(text)) {
            String s = raw.strip();
            while (s.length() > maxChars) {
                int cut = s.lastIndexOf(' ', maxChars);
                if (cut <= maxChars / 2) {
                    cut = maxChars;
                }
                out.add(s.substring(0, cut).strip());
                s = s.substring(cut).strip();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
