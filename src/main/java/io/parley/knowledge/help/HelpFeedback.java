package io.parley.knowledge.help;

import java.time.Clock;
import java.util.UUID;

import io.parley.knowledge.Article;
import io.parley.knowledge.ArticleRated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Was this helpful?" under an article: announced as {@link ArticleRated}, which insight counts into the article's
 * helpfulness. The transaction is what stores the event in the publication registry, so an answer survives a
 * crash right after the reader's click.
 */
@Component
class HelpFeedback {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    HelpFeedback(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void rate(Article article, boolean helpful) {
        events.publishEvent(new ArticleRated(UUID.randomUUID(), article.id(), article.locale(), helpful, clock.instant()));
    }
}
