package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The answerability signals of a hit (issue #12): they compare the question with the hit's own passage, so the
 * passage that holds the question's distinctive word, its phrase, in one sentence scores higher than a neighbour that
 * shares only the common words, whatever the ranks.
 */
class AnswerabilityEvidenceTests {

    static IndexableArticle article(String id, String title, String body) {
        return new IndexableArticle(id, id, "en", title, body, List.of(), true, null);
    }

    static final IndexableArticle EXPORT = article("export", "Exporting contacts", """
            Open the Contacts page and choose Export. The contacts are saved as a CSV spreadsheet file.
            """);
    static final IndexableArticle IMPORT = article("import", "Importing contacts", """
            Open the Contacts page and choose Import. Pick a file from your computer and map its columns.
            """);
    static final IndexableArticle BILLING = article("billing", "Billing and invoices", """
            Invoices are sent by email every month. A spreadsheet of all payments can be downloaded from Billing.
            """);

    private static SearchEvidence top(KnowledgeIndex index, String q, Set<String> without) {
        SearchResult r = without.isEmpty() ? index.search(q, "en", 5) : index.searchWithout(q, "en", 5, without);
        return r.hits().get(0).evidence();
    }

    @Test
    void theRightPassageCoversTheRareTermsAndThePhraseAndANeighbourDoesNot() {
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()))) {
            index.replaceAll(List.of(EXPORT, IMPORT, BILLING));
            String q = "export contacts csv spreadsheet";
            SearchEvidence right = top(index, q, Set.of());
            SearchEvidence neighbour = top(index, q, Set.of("export"));

            assertThat(index.search(q, "en", 5).hits().get(0).slug()).isEqualTo("export");
            // "csv" and "export" are the rarest terms: only the export article has them
            assertThat(right.rareCoverage()).isEqualTo(1f);
            assertThat(neighbour.rareCoverage()).isLessThan(0.5f);
            // "csv spreadsheet" is a phrase of the export article; the import article shares single words only
            assertThat(right.bigramCoverage()).isGreaterThan(neighbour.bigramCoverage());
            assertThat(right.sentenceCoverage()).isGreaterThan(neighbour.sentenceCoverage());
            // without vectors there is no title cosine
            assertThat(right.titleCosine()).isNaN();
        }
    }

    @Test
    void aOneTermQuestionHasNoBigramsAndTheBestSentenceIsAtMostThePassage() {
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()))) {
            index.replaceAll(List.of(EXPORT, IMPORT, BILLING));
            SearchEvidence one = top(index, "invoices", Set.of());
            assertThat(one.bigramCoverage()).isNaN();
            SearchEvidence many = top(index, "spreadsheet of payments sent by email monthly", Set.of());
            assertThat(many.sentenceCoverage()).isLessThanOrEqualTo(many.weightedCoverage());
            assertThat(many.sentenceCoverage()).isGreaterThan(0f);
        }
    }
}
