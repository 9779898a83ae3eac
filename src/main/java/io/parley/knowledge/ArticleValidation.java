package io.parley.knowledge;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.parley.core.InvalidInput;

/**
 * The rules for article fields, shared by the writer API and the Markdown import so both refuse the same things
 * with the same reasons, naming every offending field at once.
 */
final class ArticleValidation {

    static final int MAX_TITLE = 200;
    static final int MAX_SLUG = 120;
    static final int MAX_BODY = 200_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_URL = 2_000;
    static final String DEFAULT_LOCALE = "en";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");
    private static final String SLUG_RULE = "must use only a-z, 0-9 and '-' (not at either end), at most " + MAX_SLUG + " characters";

    private ArticleValidation() {
    }

    /** @throws InvalidInput naming every field that breaks a rule */
    static ArticleContent validate(ArticleInput input) {
        Map<String, String> problems = new LinkedHashMap<>();

        String title = input.title() == null ? "" : input.title().strip();
        if (title.isEmpty()) {
            problems.put("title", "must not be blank");
        }
        else if (title.length() > MAX_TITLE) {
            problems.put("title", "must be at most " + MAX_TITLE + " characters");
        }

        String slug = blankToNull(input.slug());
        if (slug == null) {
            slug = slugify(title);
            if (slug.isEmpty() && !title.isEmpty()) {
                problems.put("slug", "could not be derived from the title; give one (" + SLUG_RULE + ")");
            }
        }
        else if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            problems.put("slug", SLUG_RULE);
        }

        String locale = blankToNull(input.locale());
        if (locale == null) {
            locale = DEFAULT_LOCALE;
        }
        else if (locale.length() > 20 || !LANGUAGE_TAG.matcher(locale).matches()) {
            problems.put("locale", "must be a language tag such as en, tr or pt-BR");
        }
        else {
            locale = Locale.forLanguageTag(locale.replace('_', '-')).toLanguageTag();
        }

        String body = input.body();
        if (body == null || body.isBlank()) {
            problems.put("body", "must not be blank");
        }
        else if (body.length() > MAX_BODY) {
            problems.put("body", "must be at most " + MAX_BODY + " characters");
        }

        List<String> tags = tags(input.tags(), problems);

        String sourceUrl = blankToNull(input.sourceUrl());
        if (sourceUrl != null && (sourceUrl.length() > MAX_URL || !isWebUrl(sourceUrl))) {
            problems.put("sourceUrl", "must be an http or https URL of at most " + MAX_URL + " characters");
        }

        String translationOf = blankToNull(input.translationOf());
        if (translationOf != null && (translationOf.length() > MAX_SLUG || !SLUG.matcher(translationOf).matches())) {
            problems.put("translationOf", "must be the slug of the source-language article: " + SLUG_RULE);
        }

        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new ArticleContent(slug, locale, title, body, tags, sourceUrl, translationOf);
    }

    /**
     * A URL name from a title: lower case, accents dropped, everything else but letters and digits turned into
     * single dashes. Empty when nothing Latin is left (e.g. a Persian title); such articles need an explicit slug.
     */
    static String slugify(String title) {
        String s = title.toLowerCase(Locale.ROOT)
                .replace("ı", "i").replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe")
                .replace("ł", "l").replace("đ", "d").replace("ð", "d").replace("þ", "th");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s;
    }

    private static List<String> tags(List<String> raw, Map<String, String> problems) {
        if (raw == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> tags = new ArrayList<>();
        for (String tag : raw) {
            String t = tag == null ? "" : tag.strip();
            if (t.isEmpty() || t.length() > MAX_TAG) {
                problems.put("tags", "each tag must be 1 to " + MAX_TAG + " characters");
                return List.of();
            }
            if (seen.add(t.toLowerCase(Locale.ROOT))) {
                tags.add(t);
            }
        }
        if (tags.size() > MAX_TAGS) {
            problems.put("tags", "must have at most " + MAX_TAGS + " items");
        }
        return tags;
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
