package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an article body into passages.
 * <p>
 * Why passages at all: help articles cover several tasks; a question is usually about one of them. Scoring the
 * section that matches (instead of the whole article) keeps BM25 from rewarding long articles that mention the
 * question's words in unrelated places, and keeps the text we embed within what a small embedding model
 * represents well (bge-small and MiniLM truncate or average beyond 512 word pieces, and their vectors blur
 * well before that).
 * <p>
 * Why these sizes: a window of about {@value #DEFAULT_TARGET_CHARS} characters (roughly 100-150 word pieces) holds
 * one instruction or one answer paragraph; shorter windows lose the context that makes a sentence an answer, longer
 * ones dilute it. Windows overlap by about a third, so a sentence pair that answers a question is never cut apart
 * at a window edge. A section is split only when it exceeds {@value #DEFAULT_MAX_CHARS} characters, so sections
 * written as one unit stay one unit. Tiny sections (a heading over a single short line) are merged into the
 * preceding passage of the same article because on their own they produce noisy vectors and unstable BM25 scores.
 */
public final class PassageSplitter {

    static final int DEFAULT_TARGET_CHARS = 1000;
    static final int DEFAULT_MAX_CHARS = 1500;
    static final int DEFAULT_MIN_CHARS = 120;


    private final int targetChars;
    private final int maxChars;
    private final int minChars;

    public PassageSplitter() {
        this(DEFAULT_TARGET_CHARS, DEFAULT_MAX_CHARS, DEFAULT_MIN_CHARS);
    }

    public PassageSplitter(int targetChars, int maxChars, int minChars) {
        if (targetChars <= 0 || maxChars < targetChars || minChars < 0) {
            throw new IllegalArgumentException("need 0 < targetChars <= maxChars and minChars >= 0");
        }
        this.targetChars = targetChars;
        this.maxChars = maxChars;
        this.minChars = minChars;
    }

    public List<Passage> split(String markdownBody) {
        List<Section> sections = sections(markdownBody == null ? "" : markdownBody);
        List<Passage> passages = new ArrayList<>();
        for (Section section : sections) {
            // the section's text is already plain: the parser read the Markdown once (see sections)
            String text = TextNormalizer.normalizePlain(section.body());
            if (text.isBlank()) {
                continue;
            }
            // Merge a tiny section into the previous passage (see class comment) when the result stays small.
            if (text.length() < minChars && !passages.isEmpty()) {
                Passage prev = passages.get(passages.size() - 1);
                if (prev.text().length() + text.length() <= maxChars) {
                    String joined = prev.text() + "\n" + (section.title().isEmpty() ? "" : section.title() + ": ") + text;
                    passages.set(passages.size() - 1, new Passage(prev.ordinal(), prev.sectionTitle(), joined));
                    continue;
                }
            }
            for (String window : windows(text)) {
                passages.add(new Passage(passages.size(), section.title(), window));
            }
        }
        return passages;
    }

    /** Windows of whole sentences of about targetChars, overlapping by about a third. */
    List<String> windows(String text) {
        if (text.length() <= maxChars) {
            return List.of(text);
        }
        List<String> sentences = TextNormalizer.sentences(text, maxChars);
        List<String> windows = new ArrayList<>();
        int start = 0;
        while (start < sentences.size()) {
            int end = start;
            int length = 0;
            while (end < sentences.size() && (length == 0 || length + sentences.get(end).length() <= targetChars)) {
                length += sentences.get(end).length() + 1;
                end++;
            }
            windows.add(String.join(" ", sentences.subList(start, end)));
            if (end >= sentences.size()) {
                break;
            }
            // Step back so that about a third of the window is repeated at the start of the next one.
            int next = end;
            int overlap = 0;
            while (next - 1 > start && overlap + sentences.get(next - 1).length() <= targetChars / 3) {
                next--;
                overlap += sentences.get(next).length();
            }
            start = next;
        }
        return windows;
    }

    private record Section(String title, String body) {
    }

    /**
     * Sections at headings (ATX and Setext, as CommonMark reads them; never inside code); ### keeps its ## parent in
     * the section title. Linear in the body. An article the parser cannot read (it should not happen, but one article
     * must never stop the index, and so the application, from starting) becomes one untitled section of its raw text.
     */
    private static List<Section> sections(String body) {
        try {
            return parsedSections(body);
        }
        catch (RuntimeException | StackOverflowError unreadable) {
            return List.of(new Section("", body));
        }
    }

    private static List<Section> parsedSections(String body) {
        List<Section> sections = new ArrayList<>();
        String[] path = new String[7];
        String currentTitle = "";
        StringBuilder current = new StringBuilder();
        for (MarkdownText.Block block : MarkdownText.blocks(body)) {
            if (block.headingLevel() == 0) {
                current.append(block.text()).append('\n');
                continue;
            }
            sections.add(new Section(currentTitle, current.toString()));
            current.setLength(0);
            int level = block.headingLevel();
            path[level] = TextNormalizer.plainText(block.heading());
            for (int l = level + 1; l < path.length; l++) {
                path[l] = null;
            }
            // # is usually the article title repeated; a section is titled by its ## and ### ancestors.
            List<String> parts = new ArrayList<>();
            for (int l = Math.min(level, 2); l <= level; l++) {
                if (path[l] != null && !path[l].isBlank()) {
                    parts.add(path[l]);
                }
            }
            if (parts.isEmpty() && path[1] != null) {
                parts.add(path[1]);
            }
            currentTitle = String.join(" › ", parts);
        }
        sections.add(new Section(currentTitle, current.toString()));
        return sections;
    }
}
