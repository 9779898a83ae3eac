package io.parley.knowledge.index;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * Turkish, Azerbaijani and the other Latin-script Turkic languages, written with or without their letters.
 * <p>
 * Customers often type on keyboards without ş, ğ, ı, ə ("musteri destegi" for "müşteri desteği" / "müştəri
 * dəstəyi"), and Azerbaijani and Turkish share most word roots, but differ in a few letters (ə for e). So both the
 * articles and the questions are folded to plain Latin letters (ə → e, ı → i, ş → s, ğ → g, ...), and words are
 * reduced to their first {@value #PREFIX} letters: a suffix stemmer cannot work after folding (Turkish suffixes
 * follow vowel harmony, ı/i and u/ü, which folding erases), while a fixed five-letter prefix is known to work about
 * as well as a stemmer on Turkish retrieval (Can et al., "Information retrieval on Turkish texts", JASIST 2008).
 * Before folding, Lucene's Turkish Snowball stemmer takes the suffixes off words that still have their letters, so
 * short roots meet their inflected forms ("hesabımı" → "hesap", "faturaları" → "fatura"); a word typed without its letters
 * keeps its suffixes there and meets the stem in the prefix ("destegi" and "desteği" → "deste"). Measured on tquad,
 * with and without the letters, and on the project's sample questions (docs/BENCHMARKS.md, "Multilingual lexical
 * evidence"): the prefix alone found slightly more on tquad's long Wikipedia questions and less on short support
 * questions.
 * <p>
 * Stop words (Turkish from Lucene, plus common Azerbaijani function words) are removed both as written and folded,
 * except where a folded stop word is a different content word ("şu" → "su", water).
 */
final class TurkicAnalyzer extends Analyzer {

    /** Letters kept of each folded word. */
    static final int PREFIX = 5;

    /** Azerbaijani function words (question words, pronouns, conjunctions, postpositions). */
    private static final List<String> AZERBAIJANI_STOP_WORDS = List.of("və", "ilə", "üçün", "bu", "bir", "o", "ki",
            "da", "də", "nə", "necə", "niyə", "hansı", "harada", "mən", "sən", "biz", "siz", "onlar", "mənim", "sənin",
            "onun", "bizim", "sizin", "mi", "mı", "mu", "mü", "isə", "ya", "yaxud", "amma", "ancaq", "lakin", "çünki",
            "kimi", "qədər", "daha", "çox", "hər", "həm", "belə", "elə", "artıq", "sonra", "əvvəl", "olan", "olaraq",
            "olur", "edir", "deyil", "mənə", "sizə", "ona", "bunu", "onu");

    /** Folded stop words that are also ordinary words once the letters are gone. */
    private static final Set<String> NOT_STOPPED_WHEN_FOLDED = Set.of("su", "uc");

    private final CharArraySet stopWords;
    private final CharArraySet foldedStopWords;

    TurkicAnalyzer() {
        Set<String> written = new java.util.HashSet<>(AZERBAIJANI_STOP_WORDS);
        TurkishAnalyzer.getDefaultStopSet().forEach(w -> written.add(new String((char[]) w)));
        stopWords = CharArraySet.unmodifiableSet(new CharArraySet(written, false));
        Set<String> folded = written.stream().map(TurkicAnalyzer::fold).filter(w -> !written.contains(w))
                .filter(w -> !NOT_STOPPED_WHEN_FOLDED.contains(w)).collect(Collectors.toSet());
        foldedStopWords = CharArraySet.unmodifiableSet(new CharArraySet(folded, false));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        // "İstanbul'da" → "İstanbul": the case ending after an apostrophe is not part of the name
        TokenStream result = new ApostropheFilter(source);
        // İ → i and I → ı, as both languages write them
        result = new TurkishLowerCaseFilter(result);
        result = new StopFilter(result, stopWords);
        // before stemming: the stemmer would make "ucun" (üçün typed plainly) into "uc", no longer the stop word
        result = new FoldedStopFilter(result, foldedStopWords);
        // the suffixes come off while the letters are there to read them ("hesabımı" → "hesap", "faturaları" → "fatura");
        // a word typed without them keeps its suffixes here and meets the stem in the prefix below
        result = new SnowballFilter(result, new TurkishStemmer());
        result = new SchwaFilter(result);
        result = new ASCIIFoldingFilter(result);
        return new TokenStreamComponents(source, new TruncateTokenFilter(result, PREFIX));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new SchwaFilter(new TurkishLowerCaseFilter(in)));
    }

    /** The folded form of a lower-case word, as the analyzer folds it (ə → e, then ASCII folding). */
    static String fold(String word) {
        char[] in = word.replace('ə', 'e').replace('Ə', 'e').toCharArray();
        char[] out = new char[in.length * 4];
        int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, n);
    }

    /** Drops a word whose folded form is a stop word typed without its letters ("icin" for "için"). */
    private static final class FoldedStopFilter extends org.apache.lucene.analysis.FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final CharArraySet folded;

        FoldedStopFilter(TokenStream in, CharArraySet folded) {
            super(in);
            this.folded = folded;
        }

        @Override
        protected boolean accept() {
            return !folded.contains(fold(term.toString()));
        }
    }

    /**
     * ə → e. Lucene's ASCII folding turns the schwa into "a", but Azerbaijani ə stands where Turkish writes e
     * (müştəri / müşteri, dəstək / destek), and people typing Azerbaijani without it write e.
     */
    private static final class SchwaFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        SchwaFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws java.io.IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] buffer = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                if (buffer[i] == 'ə' || buffer[i] == 'Ə') {
                    buffer[i] = 'e';
                }
            }
            return true;
        }
    }
}
