package io.parley.knowledge.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownKnowledgeBaseTests {

    @TempDir
    Path kb;

    private void write(String relative, String content) throws IOException {
        Path p = kb.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void readsFrontMatterWithDefaultsFromFileAndFolder() throws IOException {
        write("billing/refunds.md", """
                ---
                title: "Getting a refund"
                tags: [billing, refunds]
                source: https://help.example.com/refunds
                ---
                ## How to ask
                Open the billing page.
                """);
        write("tr/iade.md", """
                ---
                title: İade almak
                translation-of: refunds
                status: draft
                ---
                Fatura sayfasını açın.
                """);
        write("pt-BR/reembolso.md", """
                ---
                title: Reembolso
                slug: reembolso-custom
                tags: pagamento, reembolso
                ---
                Abra a página.
                """);

        KnowledgeBaseContent content = MarkdownKnowledgeBase.read(kb);

        assertThat(content.problems()).isEmpty();
        assertThat(content.articles()).hasSize(3);
        MarkdownArticle refunds = content.articles().stream().filter(a -> a.slug().equals("refunds")).findFirst().orElseThrow();
        assertThat(refunds.path()).isEqualTo("billing/refunds.md");
        assertThat(refunds.locale()).isEqualTo("en"); // "billing" is not a locale code
        assertThat(refunds.title()).isEqualTo("Getting a refund");
        assertThat(refunds.tags()).containsExactly("billing", "refunds");
        assertThat(refunds.status()).isEqualTo(MarkdownArticle.Status.PUBLISHED);
        assertThat(refunds.source()).isEqualTo("https://help.example.com/refunds");
        assertThat(refunds.body()).startsWith("## How to ask").endsWith("Open the billing page.");

        MarkdownArticle iade = content.articles().stream().filter(a -> a.slug().equals("iade")).findFirst().orElseThrow();
        assertThat(iade.locale()).isEqualTo("tr");
        assertThat(iade.status()).isEqualTo(MarkdownArticle.Status.DRAFT);
        assertThat(iade.translationOf()).isEqualTo("refunds");
        assertThat(content.publishedArticles()).extracting(MarkdownArticle::slug).doesNotContain("iade");

        MarkdownArticle pt = content.articles().stream().filter(a -> a.title().equals("Reembolso")).findFirst().orElseThrow();
        assertThat(pt.slug()).isEqualTo("reembolso-custom");
        assertThat(pt.locale()).isEqualTo("pt-BR");
        assertThat(pt.tags()).containsExactly("pagamento", "reembolso");
    }

    @Test
    void reportsBadFilesWithPathAndReasonAndLoadsTheRest() throws IOException {
        write("good.md", "---\ntitle: Good\n---\nBody text.\n");
        write("no-front-matter.md", "# Just markdown\nNo front matter here.\n");
        write("no-title.md", "---\nslug: x\n---\nBody.\n");
        write("broken-yaml.md", "---\ntitle: [unclosed\n  : : bad\n---\nBody.\n");
        write("empty-body.md", "---\ntitle: Empty\n---\n\n   \n");
        write("unterminated.md", "---\ntitle: Open\nBody without closing line\n");
        write("a/dup.md", "---\ntitle: First\nslug: same\n---\nOne.\n");
        write("b/dup.md", "---\ntitle: Second\nslug: same\n---\nTwo.\n");
        write("tr/same.md", "---\ntitle: Ayni\n---\nBir.\n"); // same slug "same"? no: file name slug, different locale
        write("notes.txt", "not markdown, ignored");

        KnowledgeBaseContent content = MarkdownKnowledgeBase.read(kb);

        assertThat(content.articles()).extracting(MarkdownArticle::path)
                .containsExactlyInAnyOrder("good.md", "a/dup.md", "tr/same.md");
        assertThat(content.problems()).extracting(KnowledgeBaseProblem::path)
                .containsExactlyInAnyOrder("no-front-matter.md", "no-title.md", "broken-yaml.md", "empty-body.md",
                        "unterminated.md", "b/dup.md");
        assertThat(reason(content, "no-front-matter.md")).contains("missing YAML front matter");
        assertThat(reason(content, "no-title.md")).contains("'title'");
        assertThat(reason(content, "broken-yaml.md")).startsWith("broken YAML front matter");
        assertThat(reason(content, "empty-body.md")).contains("empty article body");
        assertThat(reason(content, "unterminated.md")).contains("unterminated");
        assertThat(reason(content, "b/dup.md")).contains("duplicate slug 'same'").contains("a/dup.md");
    }

    @Test
    void sameSlugInAnotherLocaleIsNotADuplicate() throws IOException {
        write("en/pricing.md", "---\ntitle: Pricing\n---\nPlans.\n");
        write("de/pricing.md", "---\ntitle: Preise\n---\nTarife.\n");

        KnowledgeBaseContent content = MarkdownKnowledgeBase.read(kb);

        assertThat(content.problems()).isEmpty();
        assertThat(content.articles()).extracting(MarkdownArticle::locale).containsExactlyInAnyOrder("en", "de");
    }

    @Test
    void rejectsUnknownStatusAndMissingFolder() {
        var outcome = MarkdownKnowledgeBase.parse("x.md", "---\ntitle: X\nstatus: archived\n---\nBody\n");
        assertThat(outcome.article()).isNull();
        assertThat(outcome.problem().reason()).contains("unknown status 'archived'");
        assertThatThrownBy(() -> MarkdownKnowledgeBase.read(kb.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String reason(KnowledgeBaseContent c, String path) {
        return c.problems().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().reason();
    }
}
