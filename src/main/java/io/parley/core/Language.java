package io.parley.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the server speaks to customers: every text a customer reads from the server (bot replies, queue
 * and out-of-hours notices, rating and survey prompts) exists in each of them (src/main/resources/i18n). A
 * conversation in any other language is spoken to in English.
 */
public enum Language {
    EN, DE, ES, FA, FR, TR;

    public static final Language DEFAULT = EN;

    /** The ISO 639-1 code, e.g. {@code tr}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /**
     * The language part of any locale tag, lower case: {@code pt-BR} and {@code pt_BR} → {@code pt}; null or blank →
     * {@code en}. Supported or not (search and grouping work per language beyond the ones the server speaks).
     */
    public static String codeOf(String tag) {
        if (tag == null || tag.isBlank()) {
            return DEFAULT.code();
        }
        return tag.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    /** The supported language of a locale tag, if it is one. */
    public static Optional<Language> find(String tag) {
        String code = codeOf(tag);
        return Arrays.stream(values()).filter(l -> l.code().equals(code)).findFirst();
    }

    /** The language to speak to a customer of this locale: its own when supported, else English. */
    public static Language of(String tag) {
        return find(tag).orElse(DEFAULT);
    }

    public static boolean supports(String tag) {
        return find(tag).isPresent();
    }
}
