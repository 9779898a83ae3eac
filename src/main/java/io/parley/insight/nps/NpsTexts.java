package io.parley.insight.nps;

import io.parley.core.ServerTexts;

/**
 * The survey's message text ({@code nps.*} in the server's text bundles). The widget shows its own translated card;
 * the text is what other clients (and the agent's transcript) show.
 */
final class NpsTexts {

    private NpsTexts() {
    }

    static String question(String locale) {
        return ServerTexts.text(locale, "nps.question");
    }

    static String thanks(String locale) {
        return ServerTexts.text(locale, "nps.thanks");
    }
}
