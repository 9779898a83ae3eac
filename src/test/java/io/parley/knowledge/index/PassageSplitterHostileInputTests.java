package io.parley.knowledge.index;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue #15 item 4: splitting is linear in the article. Before the CommonMark parser, a heading of 200 spaces took
 * 0.4 s (the heading pattern was cubic) and the tag pattern was quadratic: thousands of spaces pinned a thread for
 * hours, at start-up too.
 */
class PassageSplitterHostileInputTests {

    /** Linear work here takes well under a second on a quiet machine; the old patterns took minutes to hours. */
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @Test
    void aHeadingOfManySpacesIsSplitInLinearTime() {
        String body = "# " + " ".repeat(20_000) + "x\n\nSome text under the heading.\n" + "## " + " \t".repeat(20_000) + "#\n";

        List<Passage> passages = assertTimeoutPreemptively(LIMIT, () -> new PassageSplitter().split(body));

        assertThat(passages).extracting(Passage::text).anyMatch(t -> t.contains("Some text under the heading."));
        assertThat(passages.get(0).sectionTitle()).isEqualTo("x");
    }

    /** The old list, quote and table-rule patterns started {@code ^\\s*} at every line of a whitespace run: cubic. */
    @Test
    void longRunsOfBlankLinesAreLinear() {
        String body = "Intro.\n" + "   \n".repeat(30_000) + "|" + " ".repeat(30_000) + "\n\n> " + " ".repeat(30_000) + "x\n\nThe end.";

        List<Passage> passages = assertTimeoutPreemptively(LIMIT, () -> new PassageSplitter().split(body));

        assertThat(String.join(" ", passages.stream().map(Passage::text).toList())).contains("Intro.").contains("The end.");
    }

    @Test
    void unclosedTagsAndLinksStayFast() {
        String body = "<a".repeat(20_000) + "\n\n" + "[x](".repeat(20_000) + "\n\nThe end.";

        List<Passage> passages = assertTimeoutPreemptively(LIMIT, () -> new PassageSplitter().split(body));

        assertThat(String.join(" ", passages.stream().map(Passage::text).toList())).contains("The end.");
    }

    @Test
    void markupIsRemovedAndTextBetweenTagsKept() {
        String text = TextNormalizer.markdownToText("""
                Use **bold** and `code`, a [link](https://example.com) and <b>html</b> text.

                | Plan | Price |
                |------|-------|
                | Pro  | 10    |

                - first item
                > quoted line
                """);

        assertThat(text).contains("Use bold and code, a link and").contains("html").contains("html").doesNotContain("https://example.com").doesNotContain("**")
                .doesNotContain("<b>").doesNotContain("---").doesNotContain("|")
                .contains("first item").contains("quoted line").doesNotContain("- first").doesNotContain("> quoted");
    }

    @Test
    void stripTagsKeepsAnUnclosedAngleBracketAsText() {
        assertThat(MarkdownText.stripTags("a <b>bold</b> < 3 and <unclosed")).isEqualTo("a  bold  < 3 and <unclosed");
    }
}
