package io.parley.insight.gaps;

import io.parley.insight.InsightProperties;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.parley.knowledge.Article;
import io.parley.knowledge.Articles;
import io.parley.knowledge.TextEmbeddings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The content-gap list: questions the bot could not answer, grouped by meaning; which article a writer wrote for a
 * group and how that article has done since; and every article's usage and helpfulness.
 */
@Service
class ContentGaps {

    static final int EXAMPLES = 5;
    static final int MAX_QUESTIONS = 200;
    static final int MAX_QUESTION_LENGTH = 1_000;

    enum Source {
        UNANSWERED, UNHELPFUL, HANDED_OFF;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ContentGapRepository repository;
    private final GapVectors vectors;
    private final InsightProperties.ContentGaps properties;
    private final Articles articles;
    private final Clock clock;

    ContentGaps(ContentGapRepository repository, TextEmbeddings embeddings, InsightProperties insight,
            Articles articles, Clock clock) {
        this.repository = repository;
        this.vectors = new GapVectors(embeddings);
        this.properties = insight.contentGaps();
        this.articles = articles;
        this.clock = clock;
    }

    /**
     * Records one question in its group (the closest one, or a new one). A conversation records the same question
     * once, so "I don't know", then "no, that didn't help" about it count as one.
     *
     * @return false when it was already recorded
     */
    @Transactional
    public boolean record(UUID conversationId, String question, String locale, Source source, String articleId,
            Instant at) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty()) {
            return false;
        }
        if (text.length() > MAX_QUESTION_LENGTH) {
            text = text.substring(0, MAX_QUESTION_LENGTH);
        }
        String key = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (conversationId != null && repository.questionExists(conversationId, key)) {
            return false;
        }
        GapVectors.Vector vector = vectors.of(text, locale);
        double threshold = vector.space().startsWith("lexical:") ? properties.lexicalSimilarity() : properties.similarity();
        List<GapClustering.Cluster> clusters = repository.groupsIn(vector.space()).stream()
                .map(g -> new GapClustering.Cluster(g.id(), g.sum(), g.count())).toList();
        GapClustering.Cluster cluster = GapClustering.nearest(vector.values(), clusters, threshold).orElse(null);
        if (cluster == null) {
            cluster = new GapClustering.Cluster(UUID.randomUUID(), new float[vector.values().length], 0);
            repository.insertGroup(cluster.id(), vector.space(), cluster.sum(), at);
        }
        if (!repository.insertQuestion(UUID.randomUUID(), cluster.id(), conversationId, text, key, locale,
                source.json(), articleId, vector.values(), at)) {
            return false;
        }
        GapClustering.Cluster grown = new GapClustering.Cluster(cluster.id(), GapVectors.add(cluster.sum(), vector.values()),
                cluster.size() + 1);
        repository.grow(grown.id(), grown.sum(), 1, at);
        for (GapClustering.Cluster other : GapClustering.mergeable(grown, clusters, threshold)) {
            repository.merge(other.id(), grown.id());
            grown = new GapClustering.Cluster(grown.id(), GapVectors.add(grown.sum(), other.sum()), grown.size() + other.size());
            repository.grow(grown.id(), grown.sum(), other.size(), at);
        }
        return true;
    }

    /** The conversation went to a person for missing knowledge: its question is marked, or recorded if it is new. */
    @Transactional
    public void handedOff(UUID conversationId, String question, String locale, Instant at) {
        if (!repository.markHandedOff(conversationId)) {
            record(conversationId, question, locale, Source.HANDED_OFF, null, at);
        }
    }

    @Transactional
    public void agentReplied(UUID conversationId, String text, Instant at) {
        if (text != null && !text.isBlank()) {
            repository.agentReplied(conversationId, text.strip(), at);
        }
    }

    /** A reader's "Was this helpful?" in the help centre (no conversation); idempotent on {@code ratingId}. */
    @Transactional
    public void articleRated(UUID ratingId, UUID articleId, boolean helpful, Instant at) {
        repository.signalOnce(ratingId, articleId, helpful ? "helpful" : "unhelpful", at);
    }

    @Transactional
    public void articleSignal(UUID articleId, String kind, UUID conversationId, Instant at) {
        repository.signal(articleId, kind, conversationId, at);
    }

    /**
     * @param addressed null: all; false: open groups; true: addressed ones
     * @param locale only groups with a question in this language (null: all)
     */
    @Transactional(readOnly = true)
    public List<GapGroup> groups(Boolean addressed, String locale, int limit) {
        String language = locale == null || locale.isBlank() ? null : GapVectors.language(locale);
        return repository.groups(addressed, language, Math.max(1, Math.min(limit, 200))).stream()
                .map(g -> view(g, EXAMPLES)).toList();
    }

    @Transactional(readOnly = true)
    public GapGroup group(UUID id) {
        return view(repository.group(id).orElseThrow(() -> ContentGapException.notFound(id)), MAX_QUESTIONS);
    }

    /** A writer addressed the group with an article (new or existing); from now on its helpfulness is tracked. */
    @Transactional
    public GapGroup address(UUID groupId, UUID articleId, String by) {
        repository.group(groupId).orElseThrow(() -> ContentGapException.notFound(groupId));
        articles.find(articleId).orElseThrow(() -> ContentGapException.articleNotFound(articleId));
        repository.address(groupId, articleId, by, clock.instant());
        return group(groupId);
    }

    @Transactional
    public GapGroup reopen(UUID groupId) {
        repository.group(groupId).orElseThrow(() -> ContentGapException.notFound(groupId));
        repository.reopen(groupId);
        return group(groupId);
    }

    @Transactional(readOnly = true)
    public List<ArticleUsage> usage() {
        return repository.usage().stream().sorted(Comparator.comparingLong(ArticleUsage::shown).reversed()).toList();
    }

    @Transactional(readOnly = true)
    public ArticleUsage usage(UUID articleId) {
        return repository.usage(articleId, null);
    }

    private GapGroup view(ContentGapRepository.GroupRow g, int examples) {
        List<ContentGapRepository.QuestionRow> all = repository.questions(g.id(), MAX_QUESTIONS);
        Map<String, Integer> locales = new TreeMap<>();
        Map<String, Integer> sources = new LinkedHashMap<>();
        int handedOff = 0;
        ContentGapRepository.QuestionRow draft = null;
        for (ContentGapRepository.QuestionRow q : all) {
            locales.merge(q.locale() == null ? "und" : q.locale(), 1, Integer::sum);
            sources.merge(q.source(), 1, Integer::sum);
            handedOff += q.handedOff() ? 1 : 0;
            if (q.agentReply() != null && (draft == null || q.agentReply().length() > draft.agentReply().length())) {
                draft = q;
            }
        }
        List<GapGroup.Question> shown = new ArrayList<>();
        for (ContentGapRepository.QuestionRow q : all.subList(0, Math.min(examples, all.size()))) {
            shown.add(new GapGroup.Question(q.id(), q.question(), q.locale(), q.source(), q.conversationId(),
                    q.handedOff(), q.agentReply(), q.createdAt()));
        }
        String title = all.isEmpty() ? "" : all.get(all.size() - 1).question();
        GapGroup.Draft d = draft == null ? null : new GapGroup.Draft(draft.agentReply(), draft.question(),
                draft.locale(), draft.conversationId(), draft.agentReplyAt());
        GapGroup.Addressed addressed = null;
        if (g.addressedAt() != null) {
            GapGroup.LinkedArticle linked = articles.find(g.addressedArticleId()).map(ContentGaps::linked).orElse(null);
            addressed = new GapGroup.Addressed(g.addressedArticleId(), linked, g.addressedAt(), g.addressedBy(),
                    repository.usage(g.addressedArticleId(), g.addressedAt()), repository.questionsSince(g.id(), g.addressedAt()));
        }
        return new GapGroup(g.id(), title, g.count(), shown, locales, sources, handedOff, g.firstSeenAt(), g.lastSeenAt(),
                d, addressed);
    }

    private static GapGroup.LinkedArticle linked(Article a) {
        return new GapGroup.LinkedArticle(a.title(), a.slug(), a.locale(), a.status().json());
    }
}
