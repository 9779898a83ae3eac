package io.parley.insight.nps;

import java.util.Map;

/**
 * The survey's message text in the widget's languages. The widget shows its own translated card; the text is what
 * other clients (and the agent's transcript) show.
 */
final class NpsTexts {

    private static final Map<String, String[]> TEXTS = Map.of(
            "en", new String[] { "How likely are you to recommend us to a friend or colleague? (0–10)",
                    "Thank you for your feedback!" },
            "de", new String[] { "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen? (0–10)",
                    "Vielen Dank für Ihr Feedback!" },
            "tr", new String[] { "Bizi bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir? (0–10)",
                    "Geri bildiriminiz için teşekkürler!" },
            "fa", new String[] { "چقدر احتمال دارد ما را به یک دوست یا همکار توصیه کنید؟ (۰ تا ۱۰)",
                    "از بازخورد شما سپاسگزاریم!" });

    private NpsTexts() {
    }

    static String question(String locale) {
        return texts(locale)[0];
    }

    static String thanks(String locale) {
        return texts(locale)[1];
    }

    private static String[] texts(String locale) {
        String language = locale == null ? "en" : locale.split("[-_]")[0].toLowerCase();
        return TEXTS.getOrDefault(language, TEXTS.get("en"));
    }
}
