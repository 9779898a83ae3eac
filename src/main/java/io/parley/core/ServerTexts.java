package io.parley.core;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Everything a customer reads from the server, from one bundle per language
 * ({@code src/main/resources/i18n/messages_<language>.properties}, keys {@code bot.*}, {@code notice.*},
 * {@code nps.*}). Each text is a {@link java.text.MessageFormat} pattern ({@code {0}} for values, {@code ''} for an
 * apostrophe); a key missing from a bundle is a build failure (the bundles' test), not a fallback at run time.
 */
public final class ServerTexts {

    public static final String BASENAME = "i18n/messages";

    private static final ResourceBundleMessageSource MESSAGES = messageSource();

    private ServerTexts() {
    }

    /** The text of {@code key} in the customer's language (English when theirs is not supported). */
    public static String text(String locale, String key, Object... args) {
        return text(Language.of(locale), key, args);
    }

    public static String text(Language language, String key, Object... args) {
        return MESSAGES.getMessage(key, args, language.locale());
    }

    /** The bundles as a Spring {@link MessageSource}, e.g. for a test that reads them all. */
    public static MessageSource messages() {
        return MESSAGES;
    }

    private static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(BASENAME);
        source.setDefaultEncoding("UTF-8");
        // the JVM's locale must not decide what a customer reads; English is messages_en, reached through Language
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }
}
