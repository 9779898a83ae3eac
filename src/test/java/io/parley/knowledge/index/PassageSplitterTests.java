package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PassageSplitterTests {

    @Test
    void splitsBySectionHeadingsAndKeepsSectionTitles() {
        String body = """
                Intro paragraph that explains what this article is about in a couple of sentences for the reader.

                ## Changing your password
                Go to **Settings** and click [Security](https://example.com/security). Enter the new password twice.

                ### On mobile
                Tap the menu icon, then tap Security and follow the same steps as on the desktop site.

                ## Deleting your account
                Open Settings, scroll down and click Delete account. This cannot be undone after thirty days.
                """;

        List<Passage> passages = new PassageSplitter(600, 900, 0).split(body);

        assertThat(passages).extracting(Passage::sectionTitle)
                .containsExactly("", "Changing your password", "Changing your password › On mobile", "Deleting your account");
        assertThat(passages).extracting(Passage::ordinal).containsExactly(0, 1, 2, 3);
        // Markdown syntax is removed, link text kept
        assertThat(passages.get(1).text()).isEqualTo("Go to Settings and click Security. Enter the new password twice.");
    }

    @Test
    void mergesTinySectionsIntoThePreviousPassage() {
        String body = """
                ## Setup
                Install the app from the store and sign in with the account you use on the website every day.
                ## Note
                It is free.
                """;

        List<Passage> passages = new PassageSplitter().split(body);

        assertThat(passages).hasSize(1);
        assertThat(passages.get(0).text()).contains("Install the app").contains("Note: It is free.");
    }

    @Test
    void splitsLongTextWithoutHeadingsIntoOverlappingSentenceWindows() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            // glued sentences, as in scraped help centres that lost their line breaks
            sb.append("Sentence number ").append(i).append(" talks about topic ").append(i).append(" in detail.");
        }
        PassageSplitter splitter = new PassageSplitter(300, 450, 50);

        List<Passage> passages = splitter.split(sb.toString());

        assertThat(passages.size()).isGreaterThan(4);
        assertThat(passages).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(450));
        // every sentence is in some window; consecutive windows share at least one sentence
        for (int i = 1; i <= 40; i++) {
            String s = "Sentence number " + i + " talks";
            assertThat(passages).anySatisfy(p -> assertThat(p.text()).contains(s));
        }
        for (int i = 1; i < passages.size(); i++) {
            String firstSentence = passages.get(i).text().split("(?<=\\.) ")[0];
            assertThat(passages.get(i - 1).text()).contains(firstSentence);
        }
    }

    @Test
    void gluedSentencesAreSeparatedSoWordsCanBeMatched() {
        assertThat(TextNormalizer.inlineMarkdownToText("Before you begin:To use it, upgrade.Then connect Wix.com."))
                .isEqualTo("Before you begin: To use it, upgrade. Then connect Wix.com.");
    }

    @Test
    void headingsInsideCodeFencesAreNotSections() {
        String body = "## Real\nSome text here that is long enough to stand on its own as a passage for sure.\n```\n## not a heading\n```\n";
        List<Passage> passages = new PassageSplitter(600, 900, 0).split(body);
        assertThat(passages).extracting(Passage::sectionTitle).containsExactly("Real");
        assertThat(passages.get(0).text()).contains("## not a heading");
    }
}
