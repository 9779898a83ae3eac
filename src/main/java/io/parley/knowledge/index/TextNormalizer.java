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
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*([-*+]|\\d+[.)])\\s+");
    private static final Pattern QUOTE_MARKER = Pattern.compile("(?m)^\\s*>+\\s?");
    private static final Pattern TABLE_RULE = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}.*$");
    private static final Pattern FENCE_LINE = Pattern.compile("(?m)^\\s*(```|~~~).*$");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{2,}");
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

    static String markdownToText(String markdown) {
        String s = FENCE_LINE.matcher(markdown).replaceAll("");
        s = TABLE_RULE.matcher(s).replaceAll("");
        s = inlineMarkdownToText(s);
        s = LIST_MARKER.matcher(s).replaceAll("");
        s = QUOTE_MARKER.matcher(s).replaceAll("");
        s = s.replace('|', ' ');
        s = HORIZONTAL_SPACE.matcher(s).replaceAll(" ");
        s = BLANK_LINES.matcher(s).replaceAll("\n");
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

    static String inlineMarkdownToText(String s) {
        String r = IMAGE.matcher(s).replaceAll("$1");
        r = LINK.matcher(r).replaceAll("$1");
        r = REF_LINK.matcher(r).replaceAll("$1");
        r = HTML_TAG.matcher(r).replaceAll(" ");
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
