package io.parley.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left of an email reply once the quoted history is cut, for the ways common mail clients quote. */
class QuotedTextTests {

    @Test
    void cutsAtOurOwnMarkerInAnyLanguage() {
        assertThat(QuotedText.strip("Danke, passt!\n\n## Bitte schreiben Sie Ihre Antwort über dieser Zeile ##\nHallo Jo,"))
                .isEqualTo("Danke, passt!");
        assertThat(QuotedText.strip("Merci\r\n## Veuillez écrire votre réponse au-dessus de cette ligne ##\r\n..."))
                .isEqualTo("Merci");
    }

    @Test
    void cutsAtAnAttributionLineEvenWhenItIsWrappedOverTwoLines() {
        assertThat(QuotedText.strip("Yes please.\n\nOn Tue, 1 Dec 2026 at 10:00, Parley Support <support@parley.test> wrote:\n> Hello"))
                .isEqualTo("Yes please.");
        assertThat(QuotedText.strip("Yes please.\n\nOn Tue, 1 Dec 2026 at 10:00, Parley Support\n<support@parley.test> wrote:\n> Hello"))
                .isEqualTo("Yes please.");
        assertThat(QuotedText.strip("Gerne.\n\nAm 01.12.2026 um 10:00 schrieb Parley Support <support@parley.test>:\n> Hallo"))
                .isEqualTo("Gerne.");
        assertThat(QuotedText.strip("Oui.\n\nLe mar. 1 déc. 2026 à 10:00, Parley <support@parley.test> a écrit :\n> Bonjour"))
                .isEqualTo("Oui.");
    }

    @Test
    void cutsAtOutlookSeparatorsAndSignaturesAndDropsQuotedLines() {
        assertThat(QuotedText.strip("Fine.\n\n-----Original Message-----\nFrom: Parley\nSent: today")).isEqualTo("Fine.");
        assertThat(QuotedText.strip("Fine.\n________________________________\nFrom: Parley <support@parley.test>\nSent: today"))
                .isEqualTo("Fine.");
        assertThat(QuotedText.strip("Fine.\n-- \nKim, Example Ltd.\n+49 30 1234")).isEqualTo("Fine.");
        assertThat(QuotedText.strip("> earlier\nMy answer\n> more earlier\nand more")).isEqualTo("My answer\nand more");
    }

    @Test
    void keepsTextThatOnlyLooksLikeHistory() {
        // "wrote" inside a sentence, a dash line that is no separator, a ruler without a From: after it
        assertThat(QuotedText.strip("My colleague wrote the ticket yesterday.\n--\n__________\nthanks"))
                .isEqualTo("My colleague wrote the ticket yesterday.\n--\n__________\nthanks");
        assertThat(QuotedText.strip(null)).isEmpty();
        assertThat(QuotedText.strip("> all quoted\n> nothing new")).isEmpty();
    }
}
