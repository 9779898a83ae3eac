package io.parley.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;

/**
 * One analyzer per language, chosen by field name: analysed fields are named {@code <field>.<language>} (e.g.
 * {@code text.tr}), so a single IndexWriter can hold articles in many languages, each stemmed and stop-worded by its
 * own language's rules, and a query is analysed with the same rules as the documents it is compared to. Languages
 * without a dedicated analyzer get the StandardAnalyzer (Unicode word breaking, lower-casing), which still works for
 * exact word matches.
 */
public final class LocaleAnalyzers extends DelegatingAnalyzerWrapper {

    private static final Map<String, Supplier<Analyzer>> FACTORIES = Map.ofEntries(
            Map.entry("ar", ArabicAnalyzer::new), Map.entry("bg", BulgarianAnalyzer::new),
            Map.entry("bn", BengaliAnalyzer::new), Map.entry("ca", CatalanAnalyzer::new),
            Map.entry("zh", CJKAnalyzer::new), Map.entry("ja", CJKAnalyzer::new), Map.entry("ko", CJKAnalyzer::new),
            Map.entry("ckb", SoraniAnalyzer::new), Map.entry("cs", CzechAnalyzer::new),
            Map.entry("da", DanishAnalyzer::new), Map.entry("de", GermanAnalyzer::new),
            Map.entry("el", GreekAnalyzer::new), Map.entry("en", LocaleAnalyzers::english),
            Map.entry("es", SpanishAnalyzer::new), Map.entry("et", EstonianAnalyzer::new),
            Map.entry("eu", BasqueAnalyzer::new), Map.entry("fa", PersianTextAnalyzer::new),
            Map.entry("fi", FinnishAnalyzer::new), Map.entry("fr", FrenchAnalyzer::new),
            Map.entry("ga", IrishAnalyzer::new), Map.entry("gl", GalicianAnalyzer::new),
            Map.entry("hi", HindiAnalyzer::new), Map.entry("hu", HungarianAnalyzer::new),
            Map.entry("hy", ArmenianAnalyzer::new), Map.entry("id", IndonesianAnalyzer::new),
            Map.entry("it", ItalianAnalyzer::new), Map.entry("lt", LithuanianAnalyzer::new),
            Map.entry("lv", LatvianAnalyzer::new), Map.entry("ne", NepaliAnalyzer::new),
            Map.entry("nl", DutchAnalyzer::new), Map.entry("no", NorwegianAnalyzer::new),
            Map.entry("nb", NorwegianAnalyzer::new), Map.entry("pt", PortugueseAnalyzer::new),
            Map.entry("ro", RomanianAnalyzer::new), Map.entry("ru", RussianAnalyzer::new),
            Map.entry("sr", SerbianAnalyzer::new), Map.entry("sv", SwedishAnalyzer::new),
            Map.entry("ta", TamilAnalyzer::new), Map.entry("te", TeluguAnalyzer::new),
            Map.entry("th", ThaiAnalyzer::new),
            // Latin-script Turkic languages: one folding analyzer, so text typed without ş/ğ/ı/ə still matches
            Map.entry("tr", TurkicAnalyzer::new), Map.entry("az", TurkicAnalyzer::new),
            Map.entry("tk", TurkicAnalyzer::new), Map.entry("uz", TurkicAnalyzer::new),
            Map.entry("gag", TurkicAnalyzer::new), Map.entry("crh", TurkicAnalyzer::new));



    /**
     * English with the Snowball stop list instead of Lucene's default 33 words: customers write questions ("how do I
     * ..., can you tell me why my ...") whose pronouns and auxiliaries are frequent in help articles too. Left in,
     * they add BM25 noise and make "share of query terms matched" (a confidence signal) meaningless.
     */
    static Analyzer english() {
        try (var in = LocaleAnalyzers.class.getResourceAsStream("/org/apache/lucene/analysis/snowball/english_stop.txt")) {
            if (in == null) {
                return new EnglishAnalyzer();
            }
            var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8);
            return new EnglishAnalyzer(org.apache.lucene.analysis.WordlistLoader.getSnowballWordSet(reader));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
    private final Analyzer fallback = new StandardAnalyzer();

    public LocaleAnalyzers() {
        super(PER_FIELD_REUSE_STRATEGY);
    }

    /** The language part of a locale code, lower case: {@code pt-BR} → {@code pt}. */
    public static String language(String locale) {
        if (locale == null || locale.isBlank()) {
            return "";
        }
        String l = locale.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = l.indexOf('-');
        return dash < 0 ? l : l.substring(0, dash);
    }

    /** Field name for a language: {@code field("text", "pt-BR")} → {@code text.pt}. */
    public static String field(String base, String locale) {
        String lang = language(locale);
        // Only letters are allowed in the suffix, so a locale cannot produce a field name that collides with others.
        return base + "." + (lang.matches("[a-z]{2,3}") ? lang : "und");
    }

    /** Whether the language has a dedicated analyzer (else the StandardAnalyzer is used). */
    public static boolean hasDedicatedAnalyzer(String locale) {
        return FACTORIES.containsKey(language(locale));
    }

    /** Distinct analysed terms of {@code text}, in the order they first occur. */
    public static List<String> terms(Analyzer analyzer, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out);
    }

    public Analyzer forLocale(String locale) {
        String lang = language(locale);
        Supplier<Analyzer> factory = FACTORIES.get(lang);
        if (factory == null) {
            return fallback;
        }
        return analyzers.computeIfAbsent(lang, l -> factory.get());
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        int dot = fieldName.lastIndexOf('.');
        return dot < 0 ? fallback : forLocale(fieldName.substring(dot + 1));
    }

    @Override
    public void close() {
        analyzers.values().forEach(Analyzer::close);
        fallback.close();
        super.close();
    }
}
