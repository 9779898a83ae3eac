package io.parley.assistant.intent;

import java.util.List;
import java.util.Optional;

import io.parley.assistant.language.TextNormalizer;

/**
 * Topics a bot must not handle alone: each has a reason code for the hand-off and phrases in every supported
 * language. They are about requests that need a person to act or judge (a refund, a dispute, a hacked account, an
 * identity check, a legal claim, an outage), not about reading the policy: "what is your refund policy?" is still
 * answered from the knowledge base, "I want my money back" goes to a human.
 */
public final class SensitiveTopics {

    /**
     * @param reason the hand-off reason code, e.g. {@code refund_request}
     * @param phrases phrases in any language; a message containing one of them (as whole words) is this topic
     */
    public record Topic(String reason, List<String> phrases) {
    }

    public static final List<Topic> DEFAULTS = List.of(
            new Topic("billing_dispute", List.of(
                    "refund me", "i want a refund", "i want my money back", "want my money back", "give me my money back",
                    "money back", "request a refund", "requesting a refund", "get a refund", "need a refund", "issue a refund",
                    "charged twice", "double charged", "charged me twice", "overcharged", "wrongly charged", "unauthorized charge",
                    "unauthorised charge", "did not authorize", "didnt authorize", "chargeback", "dispute the charge", "billing dispute",
                    "paramı geri", "parami geri", "iade istiyorum", "para iadesi istiyorum", "iki kez ücret", "iki kez ucret",
                    "iki kere çekildi", "iki kere cekildi", "fazla ücret", "fazla ucret", "izinsiz çekim", "izinsiz cekim",
                    "پولم را پس", "پولمو پس", "بازپرداخت می خواهم", "بازپرداخت میخواهم", "استرداد وجه", "دو بار کسر", "دوبار کسر",
                    "دو بار شارژ", "برداشت غیرمجاز",
                    "geld zurück", "rückerstattung beantragen", "doppelt abgebucht", "reembolso", "remboursement")),
            new Topic("account_security", List.of(
                    "hacked", "been hacked", "account was hacked", "compromised", "someone logged into my account",
                    "someone accessed my account", "someone else is using my account", "suspicious login", "stolen account",
                    "account takeover", "verify my identity", "identity verification", "prove my identity", "lost access to my email",
                    "change the account owner", "transfer ownership",
                    "hacklendi", "hesabım çalındı", "hesabim calindi", "kimliğimi doğrula", "kimligimi dogrula", "şüpheli giriş", "supheli giris",
                    "هک شده", "هک شد", "حسابم دزدیده", "ورود مشکوک", "احراز هویت",
                    "gehackt", "identität bestätigen", "hackeado", "piraté")),
            new Topic("legal", List.of(
                    "lawyer", "attorney", "lawsuit", "sue you", "legal action", "subpoena", "court order", "gdpr request",
                    "data subject request", "cease and desist", "police",
                    "avukat", "dava", "mahkeme", "yasal işlem", "yasal islem",
                    "وکیل", "شکایت قانونی", "دادگاه", "اقدام قانونی",
                    "anwalt", "klage", "abogado", "demanda", "avocat")),
            new Topic("outage", List.of(
                    "outage", "is down", "site is down", "service is down", "app is down", "everything is down", "not loading for anyone",
                    "emergency", "urgent production", "data loss", "lost all my data", "data breach",
                    "çöktü", "coktu", "erişilemiyor", "erisilemiyor", "acil", "veri kaybı", "veri kaybi",
                    "قطع است", "از دسترس خارج", "اضطراری", "فوری", "اطلاعاتم پاک شد",
                    "ausfall", "notfall", "caído", "urgence")));

    private final List<Compiled> topics;

    public SensitiveTopics(List<Topic> topics) {
        this.topics = topics.stream().map(t -> new Compiled(t.reason(),
                t.phrases().stream().map(p -> " " + TextNormalizer.normalize(p) + " ").filter(p -> p.length() > 2).toList())).toList();
    }

    /** @return the reason code of the first topic the text is about */
    public Optional<String> match(String text) {
        String normalized = " " + TextNormalizer.normalize(text) + " ";
        for (Compiled topic : topics) {
            for (String phrase : topic.phrases()) {
                if (normalized.contains(phrase)) {
                    return Optional.of(topic.reason());
                }
            }
        }
        return Optional.empty();
    }

    private record Compiled(String reason, List<String> phrases) {
    }
}
