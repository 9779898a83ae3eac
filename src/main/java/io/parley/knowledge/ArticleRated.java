package io.parley.knowledge;

import java.time.Instant;
import java.util.UUID;

/**
 * A reader answered "Was this helpful?" under a published article in the help centre. Durable (published in the
 * transaction of {@code HelpFeedback}); {@code ratingId} is unique per answer, so a listener that is run again after
 * a crash can tell it already counted this one.
 */
public record ArticleRated(UUID ratingId, UUID articleId, String locale, boolean helpful, Instant at) {
}
