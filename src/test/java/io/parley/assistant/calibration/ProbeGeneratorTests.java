package io.parley.assistant.calibration;

import java.util.ArrayList;
import java.util.List;

import io.parley.knowledge.index.IndexableArticle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeGeneratorTests {

    private static IndexableArticle article(String slug, String locale, String title) {
        String body = """
                ## Before you start

                You need an administrator account to change the billing plan of the workspace. Ask the owner of the
                workspace to grant it to you if you do not have one yet.

                ## Change the plan

                Open the settings page and choose the billing tab on the left side. Pick the new plan from the list
                and confirm the change with your password. The new price applies from the next invoice onwards.
                """;
        return new IndexableArticle(locale + "/" + slug, slug, locale, title, body, List.of(), true, null);
    }

    @Test
    void probesReadLikeQuestionsAndAreNotVerbatimSentences() {
        List<ProbeGenerator.Probe> probes = new ProbeGenerator().generate(List.of(article("plan", "en", "Change your plan")), 100);

        assertThat(probes.get(0).text()).isEqualTo("How do I change my plan?");
        assertThat(probes).extracting(ProbeGenerator.Probe::kind).contains("title", "partial", "noisy");
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.slug()).isEqualTo("plan");
            assertThat(ProbeGenerator.words(p.text()).size()).isBetween(2, 12);
        });
        // a fragment drops words: never a whole sentence of the article
        assertThat(probes).noneMatch(p -> p.text().contains("open the settings page and choose the billing tab"));
    }

    @Test
    void theSameArticlesGiveTheSameProbesAndACapIsSharedBetweenLocales() {
        List<IndexableArticle> articles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            articles.add(article("en-" + i, "en", "Plan " + i));
        }
        articles.add(article("nl-0", "nl", "Abonnement wijzigen"));
        articles.add(article("nl-1", "nl", "Factuur downloaden"));
        ProbeGenerator generator = new ProbeGenerator();

        List<ProbeGenerator.Probe> probes = generator.generate(articles, 20);
        assertThat(generator.generate(articles, 20)).isEqualTo(probes);
        assertThat(probes).hasSize(20);
        // the small locale gets up to half of the cap (all it has, here), not 2 of 32 articles' share
        long nlAvailable = generator.generate(articles.subList(30, 32), 100).size();
        assertThat(nlAvailable).isGreaterThan(2);
        assertThat(probes.stream().filter(p -> p.locale().equals("nl")).count()).isEqualTo(Math.min(10, nlAvailable));
        assertThat(probes.stream().filter(p -> p.locale().equals("nl")).map(ProbeGenerator.Probe::text))
                .contains("Abonnement wijzigen?");
    }
}
