package io.parley.knowledge.index;

import java.io.IOException;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Persian as people type it: with Persian or Arabic letters (ی/ي, ک/ك), with or without diacritics, with Persian,
 * Arabic or Latin digits, and with the zero-width non-joiner (ZWNJ) between a word and its affixes written as a
 * ZWNJ, a space, or nothing at all ("می‌خواهم", "می خواهم", "میخواهم"; "کتاب‌ها", "کتاب ها", "کتابها").
 * <p>
 * Letters, diacritics and digits are normalised on both sides by Lucene's Arabic and Persian normalisation and
 * decimal-digit filters. For the joiner, Lucene's PersianAnalyzer turns a ZWNJ into a space, so a word written
 * without one ("میخواهم") matches nothing written with one. Here a word with a ZWNJ is indexed both joined and as
 * its parts, and a joined word that starts with the verb prefix می / نمی also as the rest, so each spelling meets
 * the others; plural and comparative suffixes (ها, ترین, ...) are then stripped by Lucene's Persian stemmer.
 */
final class PersianTextAnalyzer extends Analyzer {

    private final CharArraySet stopWords = PersianAnalyzer.getDefaultStopSet();

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        // the tokenizer keeps a ZWNJ inside the word (it is a format character in UAX#29), so the filter below sees it
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new LowerCaseFilter(source);
        result = new DecimalDigitFilter(result);
        result = new ArabicNormalizationFilter(result);
        result = new PersianNormalizationFilter(result);
        result = new JoinerFilter(result);
        result = new StopFilter(result, stopWords);
        return new TokenStreamComponents(source, new PersianStemFilter(result));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        TokenStream result = new LowerCaseFilter(in);
        result = new DecimalDigitFilter(result);
        result = new ArabicNormalizationFilter(result);
        return new PersianNormalizationFilter(result);
    }

    /**
     * A word with joiners (ZWNJ, ZWJ, soft hyphen) becomes the joined word followed by its parts at the same position;
     * a joined word starting with می or نمی (after normalisation: مي / نمي) also yields the rest of the word.
     */
    static final class JoinerFilter extends TokenFilter {

        private static final String[] VERB_PREFIXES = { "نمي", "مي" };
        /** The rest of a word after a verb prefix must be this long: "میز" (table) is not "می" + "ز". */
        private static final int MIN_REST = 2;

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
        private State state;

        JoinerFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(state);
                term.setEmpty().append(pending.poll());
                position.setPositionIncrement(0);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            String joined = word.replace("\u200c", "").replace("\u200d", "").replace("\u00ad", "");
            if (joined.length() != word.length()) {
                for (String part : word.split("[\u200c\u200d\u00ad]+")) {
                    if (!part.isEmpty() && !part.equals(joined)) {
                        pending.add(part);
                    }
                }
            }
            else {
                for (String prefix : VERB_PREFIXES) {
                    if (joined.startsWith(prefix) && joined.length() - prefix.length() >= MIN_REST) {
                        pending.add(joined.substring(prefix.length()));
                        break;
                    }
                }
            }
            term.setEmpty().append(joined);
            if (!pending.isEmpty()) {
                state = captureState();
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            state = null;
        }
    }
}
