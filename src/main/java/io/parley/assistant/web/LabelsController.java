package io.parley.assistant.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.parley.assistant.calibration.AnswerLabel;
import io.parley.assistant.calibration.AnswerLabels;
import io.parley.assistant.language.TextNormalizer;
import io.parley.core.InvalidInput;
import io.parley.core.Language;
import io.parley.core.ParleyPrincipal;
import io.parley.knowledge.Article;
import io.parley.knowledge.Articles;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labels of the bot's answers, for writers (WRITER role; see SecurityConfiguration): the list, and a writer's
 * verdict on what "test a question" showed.
 */
@RestController
class LabelsController {

    private static final int MAX_QUESTION = 1_000;
    private static final String LOCALE = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*";

    private final AnswerLabels labels;
    private final Articles articles;

    LabelsController(AnswerLabels labels, Articles articles) {
        this.labels = labels;
        this.articles = articles;
    }

    /** Newest first; {@code locale} narrows to that locale's language; at most {@value AnswerLabels#MAX_PAGE} a page. */
    @GetMapping("/api/assistant/labels")
    AnswerLabels.Page list(@RequestParam(required = false) String locale, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        if (locale != null && !locale.isBlank() && !locale.strip().matches(LOCALE)) {
            throw InvalidInput.field("locale", "must be a language tag such as en, tr or pt-BR");
        }
        if (offset < 0) {
            throw InvalidInput.field("offset", "must not be negative");
        }
        if (limit < 1 || limit > AnswerLabels.MAX_PAGE) {
            throw InvalidInput.field("limit", "must be between 1 and " + AnswerLabels.MAX_PAGE);
        }
        return labels.page(locale == null ? null : locale.strip(), offset, limit);
    }

    /**
     * A writer's verdict on the bot's choice for a question: the article is right, is wrong, or the bot should hand
     * off. One per writer, question and language: a second verdict replaces the first.
     */
    @PostMapping("/api/assistant/labels")
    @ResponseStatus(HttpStatus.CREATED)
    Verdict verdict(@RequestBody(required = false) VerdictRequest request, @AuthenticationPrincipal ParleyPrincipal me) {
        if (request == null) {
            throw InvalidInput.field("question", "must not be blank");
        }
        String question = request.question() == null ? "" : request.question().strip();
        if (question.isEmpty()) {
            throw InvalidInput.field("question", "must not be blank");
        }
        if (question.length() > MAX_QUESTION) {
            throw InvalidInput.field("question", "must be at most " + MAX_QUESTION + " characters");
        }
        String locale = request.locale() == null ? "" : request.locale().strip();
        if (!locale.matches(LOCALE)) {
            throw InvalidInput.field("locale", "must be a language tag such as en, tr or pt-BR");
        }
        AnswerLabel.Verdict verdict = AnswerLabel.Verdict.of(request.verdict());
        if (verdict == null) {
            throw InvalidInput.field("verdict", "must be right_article, wrong_article or should_hand_off");
        }
        Article article = article(request, locale, verdict);
        String key = me.id() + ":" + sha256(Language.codeOf(locale) + "\n" + TextNormalizer.normalize(question));
        labels.recordWriterVerdict(new AnswerLabels.NewLabel(AnswerLabel.Source.WRITER_VERDICT, key, question, locale,
                article == null ? null : article.slug(), article == null ? null : article.locale(), verdict, null));
        return new Verdict(question, locale, article == null ? null : article.slug(),
                article == null ? null : article.locale(), verdict.json());
    }

    /** The published article the verdict is about: required for right / wrong, optional for should_hand_off. */
    private Article article(VerdictRequest request, String locale, AnswerLabel.Verdict verdict) {
        String slug = request.articleSlug() == null ? "" : request.articleSlug().strip();
        if (slug.isEmpty()) {
            if (verdict != AnswerLabel.Verdict.SHOULD_HAND_OFF) {
                throw InvalidInput.field("articleSlug", "is required for " + verdict.json());
            }
            return null;
        }
        String articleLocale = request.articleLocale() == null || request.articleLocale().isBlank() ? locale
                : request.articleLocale().strip();
        if (!articleLocale.matches(LOCALE)) {
            throw InvalidInput.field("articleLocale", "must be a language tag such as en, tr or pt-BR");
        }
        return articles.findBySlug(slug, articleLocale).filter(Article::live)
                .orElseThrow(() -> InvalidInput.field("articleSlug",
                        "no published article '" + slug + "' in locale " + articleLocale));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record VerdictRequest(String question, String locale, String articleSlug, String articleLocale, String verdict) {
    }

    record Verdict(String question, String locale, String articleSlug, String articleLocale, String verdict) {
    }
}
