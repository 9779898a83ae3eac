package io.parley.insight.gaps;

import java.time.Instant;
import java.util.UUID;

/**
 * How an article fares with customers.
 *
 * @param shown how often the bot cited it in an answer
 * @param helpful how often a customer confirmed such an answer helped ("yes")
 * @param unhelpful how often a customer said it did not ("no")
 * @param lastShownAt when the bot last cited it, or null
 */
record ArticleUsage(UUID articleId, long shown, long helpful, long unhelpful, Instant lastShownAt) {
}
