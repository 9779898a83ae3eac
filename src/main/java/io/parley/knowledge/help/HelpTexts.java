package io.parley.knowledge.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The help centre's texts, from the same per-language bundles the widget reads ({@code static/i18n/<lang>.json}),
 * so a reader sees one vocabulary in the pages and in the chat. A missing key falls back to English.
 */
@Component
class HelpTexts {

    static final List<String> LANGUAGES = List.of("en", "tr", "fa", "de", "es", "fr");
    private static final java.util.Set<String> RTL = java.util.Set.of("fa", "ar", "he", "ur");

    private final Map<String, Map<String, String>> bundles = new HashMap<>();

    HelpTexts(JsonMapper json) {
        for (String language : LANGUAGES) {
            try (InputStream in = new ClassPathResource("static/i18n/" + language + ".json").getInputStream()) {
                bundles.put(language, json.readValue(in, new TypeReference<Map<String, String>>() { }));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the text bundle " + language, e);
            }
        }
    }

    /** The language of a locale ("pt-BR" → "pt"). */
    static String language(String locale) {
        return locale == null ? "en" : locale.toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    static boolean rtl(String locale) {
        return RTL.contains(language(locale));
    }

    /** The text of {@code key} in the locale's language, with {@code {name}} placeholders filled in (raw, unescaped). */
    String t(String locale, String key, Object... namesAndValues) {
        String text = bundles.getOrDefault(language(locale), Map.of()).get(key);
        if (text == null) {
            text = bundles.get("en").getOrDefault(key, key);
        }
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", String.valueOf(namesAndValues[i + 1]));
        }
        return text;
    }

    /** A locale's own name for itself ("Türkçe", "فارسی"), capitalised as a menu shows it. */
    static String nativeName(String locale) {
        Locale l = Locale.forLanguageTag(locale);
        String name = l.getDisplayName(l);
        return name.isEmpty() ? locale : name.substring(0, 1).toUpperCase(l) + name.substring(1);
    }
}
