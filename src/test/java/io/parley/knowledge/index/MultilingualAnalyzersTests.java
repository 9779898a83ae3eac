package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Turkic text with or without its letters, and Persian text with Arabic letters, diacritics, other digits and any
 * spelling of the zero-width non-joiner: analysed to the same terms as the articles, and found in a real index.
 */
class MultilingualAnalyzersTests {

    static final LocaleAnalyzers ANALYZERS = new LocaleAnalyzers();

    @AfterAll
    static void close() {
        ANALYZERS.close();
    }

    static List<String> terms(String locale, String text) {
        return LocaleAnalyzers.terms(ANALYZERS.forLocale(locale), text);
    }

    @Test
    void azerbaijaniAndTurkishWithoutTheirLettersMeetTheWrittenForms() {
        List<String> typed = terms("az", "musteri destegi");
        assertThat(typed).hasSize(2);
        assertThat(terms("az", "müştəri dəstəyi")).isEqualTo(typed);
        assertThat(terms("tr", "müşteri desteği")).isEqualTo(typed);
        assertThat(terms("tr", "Müşteri Desteği")).isEqualTo(typed);
        assertThat(terms("az", "Şifrəmi unutdum")).isEqualTo(terms("az", "sifremi unutdum"));
        assertThat(terms("tr", "Şifremi nasıl değiştirebilirim?")).isEqualTo(terms("tr", "sifremi nasil degistirebilirim"));
        // inflected forms meet their root: plural, possessive and case endings
        assertThat(terms("tr", "hesabımdaki faturalar")).isEqualTo(terms("tr", "hesabimdaki faturalar"))
                .isEqualTo(terms("tr", "hesap faturası"));
        assertThat(terms("tr", "İstanbul'da")).isEqualTo(terms("tr", "istanbul"));
    }

    @Test
    void stopWordsGoWrittenOrFoldedButNotWhereTheFoldedWordMeansSomethingElse() {
        assertThat(terms("az", "və üçün necə")).isEmpty();
        assertThat(terms("az", "ve ucun nece")).isEmpty();
        assertThat(terms("tr", "için nasıl çok")).isEmpty();
        assertThat(terms("tr", "icin nasil cok")).isEmpty();
        // "şu" (that) is a stop word; "su" (water) is not
        assertThat(terms("tr", "şu")).isEmpty();
        assertThat(terms("tr", "su faturası")).hasSize(2);
    }

    @Test
    void otherLatinScriptTurkicLocalesUseTheSameAnalyzer() {
        assertThat(LocaleAnalyzers.hasDedicatedAnalyzer("az")).isTrue();
        assertThat(LocaleAnalyzers.hasDedicatedAnalyzer("az-Latn-AZ")).isTrue();
        assertThat(ANALYZERS.forLocale("tk")).isInstanceOf(TurkicAnalyzer.class);
        assertThat(ANALYZERS.forLocale("az")).isInstanceOf(TurkicAnalyzer.class);
    }

    @Test
    void persianWithArabicLettersDiacriticsAndOtherDigitsMeetsPersianText() {
        // Arabic yeh and kaf (U+064A, U+0643) against Persian yeh and keheh (U+06CC, U+06A9)
        assertThat(terms("fa", "مشتري كمك")).isEqualTo(terms("fa", "مشتری کمک"));
        // harakat are ignored
        assertThat(terms("fa", "كِتَابٌ")).isEqualTo(terms("fa", "کتاب"));
        // Persian, Arabic-Indic and Latin digits
        assertThat(terms("fa", "۱۴۰۳")).isEqualTo(terms("fa", "1403")).isEqualTo(terms("fa", "١٤٠٣"));
    }

    @Test
    void persianWordsMeetWithAZeroWidthNonJoinerASpaceOrNothingBetweenTheirParts() {
        List<String> withZwnj = terms("fa", "می\u200cخواهم کتاب\u200cها را بخوانم");
        List<String> joined = terms("fa", "میخواهم کتابها را بخوانم");
        List<String> spaced = terms("fa", "می خواهم کتاب ها را بخوانم");
        assertThat(withZwnj).isEqualTo(joined).isEqualTo(spaced);
        // a compound written with a ZWNJ in the article is found written with a space
        assertThat(terms("fa", "دانش\u200cآموزان")).isEqualTo(terms("fa", "دانش آموزان"));
        // a short word that merely starts like the verb prefix stays whole
        assertThat(terms("fa", "میز")).hasSize(1);
    }

    @Test
    void anIndexFindsAzerbaijaniTurkishAndPersianArticlesFromHowPeopleType() {
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()))) {
            index.upsert(KnowledgeIndexTests.article("az-support", "az", "Müştəri dəstəyi ilə əlaqə",
                    "Müştəri dəstəyi xidmətimizə həftənin yeddi günü yaza bilərsiniz. Söhbət pəncərəsini açın."));
            index.upsert(KnowledgeIndexTests.article("az-password", "az", "Şifrənin bərpası",
                    "Şifrənizi unutmusunuzsa, giriş səhifəsində \"Şifrəni unutdum\" düyməsini basın."));
            index.upsert(KnowledgeIndexTests.article("tr-invoice", "tr", "Faturalarınızı indirme",
                    "Faturalar sayfasından her faturayı PDF olarak indirebilirsiniz."));
            index.upsert(KnowledgeIndexTests.article("tr-password", "tr", "Şifrenizi sıfırlama",
                    "Giriş sayfasında \"Şifremi unuttum\" bağlantısına tıklayın; size bir e-posta göndeririz."));
            index.upsert(KnowledgeIndexTests.article("fa-password", "fa", "بازنشانی رمز عبور",
                    "اگر رمز عبور خود را فراموش کرده\u200cاید، در صفحهٔ ورود روی «فراموشی رمز» کلیک کنید. پیوند بازنشانی برای شما ایمیل می\u200cشود."));
            index.upsert(KnowledgeIndexTests.article("fa-invoice", "fa", "دریافت صورت\u200cحساب\u200cها",
                    "همهٔ صورت\u200cحساب\u200cها را می\u200cتوانید از بخش پرداخت به صورت PDF دریافت کنید."));

            assertThat(top(index, "musteri destegi ile nece elaqe saxlaya bilerem", "az")).isEqualTo("az-support");
            assertThat(top(index, "sifremi unutdum", "az")).isEqualTo("az-password");
            assertThat(top(index, "sifremi unuttum ne yapmaliyim", "tr")).isEqualTo("tr-password");
            assertThat(top(index, "faturalarimi nasil indiririm", "tr")).isEqualTo("tr-invoice");
            // Arabic yeh/kaf, no ZWNJ: "I have forgotten my password" and "how can I get my invoices"
            assertThat(top(index, "رمز عبورم را فراموش كرده ام", "fa")).isEqualTo("fa-password");
            assertThat(top(index, "چطور صورتحسابها را دريافت كنم", "fa")).isEqualTo("fa-invoice");
        }
    }

    private static String top(KnowledgeIndex index, String query, String locale) {
        List<ArticleHit> hits = index.search(query, locale, 3).hits();
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.get(0).slug();
    }
}
