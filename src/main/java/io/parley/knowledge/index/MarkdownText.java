package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown read by a CommonMark parser (commonmark-java, linear in the input) instead of regular expressions over
 * the article text: a writer's article can no longer pin a thread with a line of a few thousand spaces (issue #15:
 * the old heading pattern was cubic, the tag pattern quadratic). The same parser is meant for every server-side
 * Markdown reading (the help centre too), so what is indexed is what readers see.
 */
final class MarkdownText {

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownText() {
    }

    /** One heading's section: its heading level and plain-text title (empty before the first heading), its text. */
    record Block(int headingLevel, String heading, String text) {
    }

    /** The document as a sequence of top-level blocks, headings marked, every other block as plain text. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        for (Node node = PARSER.parse(markdown).getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                blocks.add(new Block(heading.getLevel(), text(heading).replace('\n', ' ').strip(), ""));
            }
            else {
                blocks.add(new Block(0, "", text(node)));
            }
        }
        return blocks;
    }

    /** Plain text of Markdown: markup, link targets and HTML tags removed, one line per line of text. */
    static String toText(String markdown) {
        StringBuilder out = new StringBuilder();
        for (Node node = PARSER.parse(markdown).getFirstChild(); node != null; node = node.getNext()) {
            out.append(text(node)).append('\n');
        }
        return out.toString();
    }

    private static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append('\n');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.append('\n');
            }

            @Override
            public void visit(HtmlInline html) {
                out.append(' ');
            }

            @Override
            public void visit(HtmlBlock html) {
                out.append(stripTags(html.getLiteral())).append('\n');
            }

            @Override
            public void visit(FencedCodeBlock code) {
                out.append(code.getLiteral()).append('\n');
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                out.append(code.getLiteral()).append('\n');
            }

            @Override
            public void visit(ThematicBreak thematicBreak) {
                out.append('\n');
            }

            @Override
            public void visit(Paragraph paragraph) {
                visitChildren(paragraph);
                out.append('\n');
            }

            @Override
            public void visit(Heading heading) {
                visitChildren(heading);
                out.append('\n');
            }

            @Override
            public void visit(ListItem item) {
                visitChildren(item);
                out.append('\n');
            }

            @Override
            public void visit(BlockQuote quote) {
                visitChildren(quote);
                out.append('\n');
            }
        });
        return withoutTableRules(out.toString());
    }

    /**
     * Tags out, text between them kept, in one pass: once no {@code >} follows a {@code <}, nothing after it can be
     * a tag either, so every character is looked at a bounded number of times.
     */
    static String stripTags(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            int start = i + (i + 1 < n && html.charAt(i + 1) == '/' ? 2 : 1);
            if (c == '<' && start < n && Character.isLetter(html.charAt(start))) {
                int end = html.indexOf('>', start);
                if (end < 0) {
                    out.append(html, i, n);
                    break;
                }
                out.append(' ');
                i = end + 1;
            }
            else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Pipe tables (not core CommonMark) arrive as paragraphs: drop their |---|---| rules and the pipes. */
    private static String withoutTableRules(String text) {
        if (text.indexOf('|') < 0 && text.indexOf("---") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (!isTableRule(line)) {
                out.append(line.replace('|', ' ')).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean isTableRule(String line) {
        int dashes = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '-') {
                dashes++;
            }
            else if (c != '|' && c != ':' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return dashes >= 3;
    }
}
