package io.parley.assistant.intent;

import java.util.List;
import java.util.Map;

/**
 * Phrases per intent and language, already in {@link io.parley.assistant.language.TextNormalizer} form (lower case,
 * i for ı, Persian letters, no punctuation). Matching is by whole words, so "hi" does not match "this".
 */
final class Lexicon {

    private Lexicon() {
    }

    static final Map<Intent, List<String>> SMALL_TALK = Map.of(
            Intent.GREETING, List.of(
                    "hello", "hi", "hey", "hiya", "good morning", "good afternoon", "good evening", "greetings", "howdy",
                    "merhaba", "selam", "selamlar", "iyi gunler", "iyi günler", "gunaydin", "günaydin", "günaydın", "iyi aksamlar", "iyi akşamlar",
                    "سلام", "درود", "وقت بخیر", "صبح بخیر", "روز بخیر", "عصر بخیر",
                    "hallo", "guten tag", "guten morgen", "moin", "servus",
                    "hola", "buenos dias", "buenos días", "bonjour", "salut"),
            Intent.THANKS, List.of(
                    "thanks", "thank you", "thank you very much", "thanks a lot", "thx", "ty", "cheers", "much appreciated", "appreciate it",
                    "tesekkurler", "teşekkürler", "tesekkur ederim", "teşekkür ederim", "sagol", "sağol", "sag ol", "sağ ol", "eyvallah", "cok tesekkurler", "çok teşekkürler",
                    "ممنون", "مرسی", "متشکرم", "سپاس", "سپاسگزارم", "خیلی ممنون", "تشکر",
                    "danke", "vielen dank", "danke schön", "dankeschön",
                    "gracias", "muchas gracias", "merci", "merci beaucoup"),
            Intent.GOODBYE, List.of(
                    "bye", "goodbye", "good bye", "see you", "see ya", "have a nice day", "bye bye",
                    "gorusuruz", "görüşürüz", "hoscakal", "hoşçakal", "hosca kal", "hoşça kal", "iyi gunler dilerim",
                    "خداحافظ", "خدانگهدار", "بدرود", "روز خوش",
                    "tschüss", "tschuss", "auf wiedersehen", "adios", "adiós", "au revoir"));

    /** Words that on their own are just politeness and carry no question. */
    static final List<String> FILLER = List.of("ok", "okay", "please", "lütfen", "lutfen", "لطفا", "bitte", "por favor",
            "so", "well", "there", "all", "again", "you", "very", "much", "a", "lot", "so much", "dear", "team", "support",
            "ya", "ve", "و", "und", "y", "et");

    static final List<String> AFFIRM = List.of("yes", "yeah", "yep", "yup", "sure", "it did", "that helped", "helpful",
            "that answered it", "perfect", "great", "solved", "resolved", "got it", "works", "it works",
            "evet", "evet oldu", "oldu", "işe yaradı", "ise yaradi", "tamam", "cozuldu", "çözüldü", "yardimci oldu", "yardımcı oldu",
            "بله", "آره", "اره", "بلی", "حل شد", "کمک کرد", "مفید بود",
            "ja", "jawohl", "hat geholfen", "sí", "si", "oui");

    static final List<String> DENY = List.of("no", "nope", "nah", "not really", "it did not", "it didnt", "it didnt help", "it did not help", "didnt help",
            "did not help", "not helpful", "that didnt help", "doesnt help", "wrong", "thats not it", "not what i asked",
            "hayir", "hayır", "olmadi", "olmadı", "ise yaramadi", "işe yaramadı", "yardimci olmadi", "yardımcı olmadı", "cozulmedi", "çözülmedi",
            "نه", "خیر", "کمک نکرد", "حل نشد", "مفید نبود",
            "nein", "hat nicht geholfen", "non", "no me ayudó", "no me ayudo");

    /** Words that on their own name a human on the support side ("agent", "insan", "اپراتور"). */
    static final List<String> HUMAN_WORDS = List.of("human", "agent", "operator", "representative", "real person",
            "live agent", "live chat", "live person", "live support", "real human", "customer service", "support agent",
            "support team", "staff member",
            "insan", "temsilci", "musteri temsilcisi", "müşteri temsilcisi", "canli destek", "canlı destek", "operator", "operatör", "yetkili", "gercek kisi", "gerçek kişi",
            "اپراتور", "انسان", "کارشناس", "نماینده", "پشتیبان انسانی", "آدم واقعی",
            "mensch", "mitarbeiter", "berater", "kundendienst", "humano", "agente", "operador", "humain", "conseiller");

    /** Turkish suffixes attach to these: "insanla", "temsilciyle", "operatöre". */
    static final List<String> HUMAN_STEMS = List.of("insan", "temsilci", "operatör", "operator", "yetkili");

    /** Words that name a human only next to a talk verb ("talk to someone"), never alone ("invite someone"). */
    static final List<String> WEAK_HUMAN_WORDS = List.of("someone", "somebody", "person", "people", "anyone",
            "biri", "birisi", "biriyle", "birisiyle", "یک نفر", "کسی", "فرد", "jemand", "jemandem", "persona", "alguien",
            "quelqu un", "une personne");

    /** Verbs that ask to be put in touch ("talk to", "connect me", "konuşmak", "صحبت"). */
    static final List<String> TALK_PHRASES = List.of("talk", "speak", "chat with", "connect me", "transfer me",
            "put me through", "contact", "reach", "call me",
            "konusmak", "konuşmak", "konusabilir", "konuşabilir", "gorusmek", "görüşmek", "gorusebilir", "görüşebilir", "bagla", "bağla", "baglayin", "bağlayın", "aktar", "aktarin", "aktarın",
            "صحبت", "وصل", "گفتگو", "ارتباط", "حرف بزنم",
            "sprechen", "verbinden", "reden", "hablar", "parler");

    /** Phrases that ask for something ("I want", "istiyorum", "می خواهم"). */
    static final List<String> WANT_PHRASES = List.of("i want", "i need", "i would like", "id like", "get me", "can i get",
            "give me", "please", "istiyorum", "lazim", "lazım", "می خواهم", "میخواهم", "میخوام", "می خوام", "لطفا",
            "ich möchte", "ich will", "bitte", "quiero", "je veux");

    /** Frustration and strong negative sentiment; two in a conversation (or one strong) offers a human. */
    static final List<String> FRUSTRATION = List.of("useless", "not helpful", "this is ridiculous", "ridiculous",
            "terrible", "awful", "horrible", "stupid", "waste of time", "frustrated", "frustrating", "annoying", "angry",
            "fed up", "worst", "you are not helping", "youre not helping", "not listening", "doesnt work", "still not working",
            "still broken", "unacceptable", "wtf", "damn",
            "sacma", "saçma", "berbat", "rezalet", "bikdim", "bıktım", "isinize yaramaz", "ise yaramaz", "işe yaramaz", "sinir",
            "hala calismiyor", "hâlâ çalışmıyor", "hala çalışmıyor", "kabul edilemez",
            "افتضاح", "مزخرف", "بدترین", "خسته شدم", "عصبانی", "بی فایده", "بیفایده", "کار نمیکند", "کار نمی کند", "هنوز کار نمیکنه",
            "nutzlos", "schrecklich", "ärgerlich", "unverschämt", "inútil", "horrible", "nul", "inutile");

    static final List<String> STRONG_FRUSTRATION = List.of("this is ridiculous", "waste of time", "unacceptable",
            "worst", "fed up", "rezalet", "kabul edilemez", "افتضاح", "بدترین", "unverschämt", "wtf");
}
