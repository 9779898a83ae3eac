package io.parley.knowledge.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
 * without one ("میخواهم", "کتابها") matches nothing written with one. Here a ZWNJ still separates parts, and the
 * joined spellings are reduced to the same terms: the verb prefix می / نمی is taken off a joined verb, and plural and
 * comparative suffixes (ها, ترین, ...) are stripped by Lucene's Persian stemmer, on both sides.
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
     * A word with joiners (ZWNJ, ZWJ, soft hyphen) becomes its parts, as separate words (what Lucene's PersianCharFilter
     * does, and what the same word typed with a space gives); a joined word starting with the verb prefix می or نمی
     * (after normalisation: مي / نمي) loses it, as "می خواهم" and "می‌خواهم" lose the stop word "می". Each word gives
     * one term per part, never a second spelling at the same position: extra spellings would count as query terms
     * the article lacks and lower the share of the question's terms an article covers, a confidence signal.
     */
    static final class JoinerFilter extends TokenFilter {

        private static final String[] VERB_PREFIXES = { "نمي", "مي" };
        /** The rest of a word after a verb prefix must be this long: "میز" (table), "میوه" (fruit) stay whole. */
        private static final int MIN_REST = 3;

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
                position.setPositionIncrement(1);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            List<String> parts = new ArrayList<>();
            for (String part : word.split("[\u200c\u200d\u00ad]+")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            if (parts.size() == 1) {
                parts.set(0, withoutVerbPrefix(parts.get(0)));
            }
            if (parts.isEmpty()) {
                parts.add(word);
            }
            term.setEmpty().append(parts.get(0));
            if (parts.size() > 1) {
                pending.addAll(parts.subList(1, parts.size()));
                state = captureState();
            }
            return true;
        }

        private static String withoutVerbPrefix(String word) {
            for (String prefix : VERB_PREFIXES) {
                if (word.startsWith(prefix) && word.length() - prefix.length() >= MIN_REST) {
                    return word.substring(prefix.length());
                }
            }
            return word;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            state = null;
        }
    }
}
