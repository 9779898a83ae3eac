package io.parley.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.parley.assistant.reply.BotReplies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One bundle per supported language, and every bundle has every key (a missing one would silently be English). */
class ServerTextsTests {

    @Test
    void everySupportedLanguageHasEveryKey() throws IOException {
        Set<String> english = keys(Language.EN);
        assertThat(english).hasSizeGreaterThan(30);
        for (Language language : Language.values()) {
            assertThat(keys(language)).as("keys of messages_%s.properties", language.code()).isEqualTo(english);
        }
        assertThat(english).containsAll(Arrays.stream(BotReplies.Key.values()).map(BotReplies.Key::bundleKey).toList());
    }

    @Test
    void everyTextFormatsCleanlyInEveryLanguage() throws IOException {
        for (Language language : Language.values()) {
            for (String key : keys(language)) {
                String text = ServerTexts.text(language, key, "VALUE");
                assertThat(text).as("%s in %s", key, language).isNotBlank().doesNotContain("{").doesNotContain("''");
                if (raw(language, key).contains("{0}")) {
                    assertThat(text).as("%s in %s", key, language).contains("VALUE");
                }
            }
        }
    }

    @Test
    void aCustomerIsSpokenToInTheirLanguageOrElseEnglish() {
        assertThat(ServerTexts.text("es-MX", "notice.few-minutes")).isEqualTo("unos minutos");
        assertThat(ServerTexts.text("pt-BR", "notice.few-minutes")).isEqualTo("a few minutes");
        assertThat(ServerTexts.text((String) null, "bot.yes")).isEqualTo("Yes");
        assertThat(ServerTexts.text("fr", "bot.greeting")).isEqualTo("Bonjour ! Comment puis-je vous aider aujourd'hui ?");
        assertThat(Language.codeOf("tr_TR")).isEqualTo("tr");
        assertThat(Language.codeOf("  ")).isEqualTo("en");
        assertThat(Language.of("fa-IR")).isEqualTo(Language.FA);
        assertThat(Language.supports("pt")).isFalse();
    }

    private static Set<String> keys(Language language) throws IOException {
        return new TreeSet<>(load(language).stringPropertyNames());
    }

    private static String raw(Language language, String key) throws IOException {
        return load(language).getProperty(key);
    }

    private static Properties load(Language language) throws IOException {
        String path = "/" + ServerTexts.BASENAME + "_" + language.code() + ".properties";
        try (InputStream in = ServerTextsTests.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
