package io.parley.widget;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front ends' text bundles (static/i18n/{language}.json, served at /i18n/): every language has every key, no
 * text is empty, and each text has the placeholders of its English original. The node tests (src/test/js) check the
 * same against the list in common/i18n.js; this one also runs on a machine without node.
 */
class TextBundlesTests {

    /** The languages the server and the bot speak. */
    static final List<String> LANGUAGES = List.of("en", "tr", "fa", "de", "es", "fr");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyLanguageHasEveryKeyWithTheSamePlaceholders() throws IOException {
        Map<String, Map<String, String>> bundles = new TreeMap<>();
        for (String language : LANGUAGES) {
            bundles.put(language, read(language));
        }
        Set<String> allKeys = new TreeSet<>();
        bundles.values().forEach(bundle -> allKeys.addAll(bundle.keySet()));
        Map<String, String> english = bundles.get("en");
        List<String> problems = new ArrayList<>();
        bundles.forEach((language, bundle) -> {
            for (String key : allKeys) {
                String text = bundle.get(key);
                if (text == null || text.isBlank()) {
                    problems.add(language + " lacks " + key);
                }
                else if (english.containsKey(key) && !placeholders(text).equals(placeholders(english.get(key)))) {
                    problems.add(language + "." + key + " has placeholders " + placeholders(text));
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(english).containsKeys("welcome", "send", "nps_question", "helpNotFound");
    }

    private Map<String, String> read(String language) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/static/i18n/" + language + ".json")) {
            assertThat(in).as("static/i18n/%s.json", language).isNotNull();
            return json.readValue(in, new TypeReference<Map<String, String>>() { });
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
