package io.parley.insight;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the insight module ({@code parley.insight.*}), documented in docs/CONFIGURATION.md.
 *
 * @param metrics figures and Prometheus
 * @param nps the NPS survey
 * @param health customer health and the at-risk score
 * @param webhooks outbound webhook delivery
 * @param contentGaps the writers' content-gap list
 */
@ConfigurationProperties("parley.insight")
public record InsightProperties(Metrics metrics, Nps nps, Health health, Webhooks webhooks, ContentGaps contentGaps) {

    public InsightProperties {
        contentGaps = contentGaps == null ? new ContentGaps(null, null, null) : contentGaps;
        metrics = metrics == null ? new Metrics(null, null, null, null) : metrics;
        nps = nps == null ? new Nps(null, null, null) : nps;
        health = health == null ? new Health(null, 0, 0) : health;
        webhooks = webhooks == null ? new Webhooks(null, 0, null, 0, null, null, 0, null, null, 0, 0, null) : webhooks;
    }

    /**
     * @param enabled whether unanswered questions are collected at all (default true)
     * @param similarity a question joins the closest group when its cosine similarity to the group's centroid is at
     *     least this (embedding model; default 0.74, chosen on paraphrased support questions with bge-small-en-v1.5:
     *     paraphrases scored 0.74–0.87, different topics at most 0.72)
     * @param lexicalSimilarity the same for languages the embedding model does not cover, where questions are
     *     compared by character trigrams (default 0.45)
     */
    public record ContentGaps(Boolean enabled, Double similarity, Double lexicalSimilarity) {
        public ContentGaps {
            enabled = enabled == null || enabled;
            similarity = similarity == null ? 0.74 : similarity;
            lexicalSimilarity = lexicalSimilarity == null ? 0.45 : lexicalSimilarity;
        }
    }

    /**
     * @param assumedResolutionAfter a bot answer the customer did not follow up within this time (and that was not
     *     handed off) counts as an assumed resolution (default 30m)
     * @param zone time zone of the busiest-hours figures (default UTC)
     * @param gaugeWindow the rolling window the Prometheus gauges cover (default 7d)
     * @param prometheusToken a bearer token that may scrape {@code /actuator/prometheus} (besides admins); empty:
     *     admins only
     */
    public record Metrics(Duration assumedResolutionAfter, ZoneId zone, Duration gaugeWindow, String prometheusToken) {
        public Metrics {
            assumedResolutionAfter = assumedResolutionAfter == null ? Duration.ofMinutes(30) : assumedResolutionAfter;
            zone = zone == null ? ZoneId.of("UTC") : zone;
            gaugeWindow = gaugeWindow == null ? Duration.ofDays(7) : gaugeWindow;
            prometheusToken = prometheusToken == null ? "" : prometheusToken.strip();
        }
    }

    /**
     * @param touchpoints when a survey is offered: {@code rated} (the customer answered the rating prompt of a resolved
     *     conversation; default), {@code agent_resolved} (an agent resolved the conversation),
     *     {@code bot_resolved} (the customer confirmed the bot's answer); empty list: never
     * @param minInterval at most one survey per customer within this time (default 90d)
     * @param maxCommentLength longest accepted open answer (default 2000)
     */
    public record Nps(List<String> touchpoints, Duration minInterval, Integer maxCommentLength) {
        public Nps {
            touchpoints = touchpoints == null ? List.of("rated") : List.copyOf(touchpoints);
            minInterval = minInterval == null ? Duration.ofDays(90) : minInterval;
            maxCommentLength = maxCommentLength == null || maxCommentLength <= 0 ? 2000 : maxCommentLength;
        }
    }

    /**
     * @param weights points per signal in the at-risk score
     * @param atRiskThreshold a customer (or account) with at least this score is at risk (default 3)
     * @param atRiskLimit longest at-risk list returned (default 50)
     */
    public record Health(Weights weights, double atRiskThreshold, int atRiskLimit) {
        public Health {
            weights = weights == null ? new Weights(null, null, null, null, null, null, null) : weights;
            atRiskThreshold = atRiskThreshold <= 0 ? 3 : atRiskThreshold;
            atRiskLimit = atRiskLimit <= 0 ? 50 : atRiskLimit;
        }
    }

    /** Points per occurrence in the period (each defaults as documented). */
    public record Weights(Double handoff, Double unresolvedTicket, Double lowCsat, Double npsDetractor,
            Double negativeFeedback, Double repeatedContact, Double conversation) {
        public Weights {
            handoff = handoff == null ? 1 : handoff;
            unresolvedTicket = unresolvedTicket == null ? 2 : unresolvedTicket;
            lowCsat = lowCsat == null ? 3 : lowCsat;
            npsDetractor = npsDetractor == null ? 4 : npsDetractor;
            negativeFeedback = negativeFeedback == null ? 1 : negativeFeedback;
            repeatedContact = repeatedContact == null ? 2 : repeatedContact;
            conversation = conversation == null ? 0 : conversation;
        }
    }

    /**
     * @param pollInterval how often the sender looks for due deliveries (default 1s)
     * @param maxAttempts attempts before a delivery is marked failed (default 10)
     * @param initialBackoff wait before the first retry (default 10s)
     * @param backoffMultiplier factor applied to the wait after each failed attempt (default 2)
     * @param maxBackoff longest wait between attempts (default 1h)
     * @param timeout connect and response timeout of one attempt (default 10s)
     * @param batchSize most deliveries sent per poll (default 20)
     * @param allowPrivateTargets true: webhooks may target loopback, link-local and private addresses (default
     *     false: refused, as server-side request forgery)
     * @param retention delivered entries of the outbox (and their attempts) are purged this long after delivery
     *     (default 7 days); failed ones stay for an admin to retry
     * @param parallelEndpoints endpoints delivered to at the same time, each in its own lane, so one slow or stalled
     *     receiver never delays the others (default 8)
     * @param circuitFailureThreshold consecutive failed attempts after which an endpoint's circuit opens: its
     *     deliveries wait, without attempts, for {@code circuitOpenFor} (default 5)
     * @param circuitOpenFor how long an open circuit holds an endpoint's deliveries back before one is tried again
     *     (default 1m)
     */
    public record Webhooks(Duration pollInterval, int maxAttempts, Duration initialBackoff, double backoffMultiplier,
            Duration maxBackoff, Duration timeout, int batchSize, Boolean allowPrivateTargets, Duration retention,
            int parallelEndpoints, int circuitFailureThreshold, Duration circuitOpenFor) {

        public Webhooks {
            parallelEndpoints = parallelEndpoints <= 0 ? 8 : parallelEndpoints;
            circuitFailureThreshold = circuitFailureThreshold <= 0 ? 5 : circuitFailureThreshold;
            circuitOpenFor = circuitOpenFor == null || circuitOpenFor.isNegative() ? Duration.ofMinutes(1) : circuitOpenFor;
            allowPrivateTargets = allowPrivateTargets != null && allowPrivateTargets;
            retention = retention == null || retention.isNegative() ? Duration.ofDays(7) : retention;
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            backoffMultiplier = backoffMultiplier < 1 ? 2 : backoffMultiplier;
            maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            batchSize = batchSize <= 0 ? 20 : batchSize;
        }
    }
}
