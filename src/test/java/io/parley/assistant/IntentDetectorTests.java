package io.parley.assistant;

import io.parley.assistant.intent.Intent;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.assistant.language.LanguageDetector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentDetectorTests {

    private final IntentDetector detector = new IntentDetector();
    private final SensitiveTopics sensitive = new SensitiveTopics(SensitiveTopics.DEFAULTS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello!|GREETING", "hi there|GREETING", "Good morning team|GREETING", "Merhaba|GREETING",
            "İyi günler|GREETING", "سلام|GREETING", "Hallo|GREETING",
            "thanks!|THANKS", "Thank you so much|THANKS", "Teşekkürler|THANKS", "TEŞEKKÜR EDERİM|THANKS",
            "ممنون|THANKS", "خیلی ممنون|THANKS", "Danke schön|THANKS",
            "bye|GOODBYE", "Görüşürüz|GOODBYE", "خداحافظ|GOODBYE", "Tschüss|GOODBYE",
            "Hi, how do I reset my password?|QUESTION", "merhaba şifremi unuttum|QUESTION", "This is great but how do I export?|QUESTION"})
    void recognisesCourtesyInEverySupportedLanguage(String text, Intent expected) {
        assertThat(detector.classify(text, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"talk to a person", "Can I speak with a human please?", "agent", "AGENT!!", "human",
            "I want to talk to someone", "connect me to a live agent", "real person please", "insan", "İnsanla konuşmak istiyorum",
            "bir temsilciyle görüşmek istiyorum", "canlı destek", "müşteri temsilcisi lütfen", "اپراتور",
            "می خواهم با یک اپراتور صحبت کنم", "با کارشناس صحبت کنم", "Ich möchte mit einem Mitarbeiter sprechen", "Mensch bitte"})
    void recognisesAnExplicitRequestForAHuman(String text) {
        assertThat(detector.classify(text, false)).isEqualTo(Intent.HUMAN_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"How do I invite someone to my workspace?", "Can a guest person see my board?",
            "How do I change the role of an agent in my workspace settings page?", "what is a personal workspace",
            "How many people can I add on the Team plan?", "Ekibime birini nasıl davet ederim?"})
    void doesNotMistakeOrdinaryQuestionsForHumanRequests(String text) {
        assertThat(detector.classify(text, false)).isEqualTo(Intent.QUESTION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yes|AFFIRM", "Yes, thanks!|AFFIRM", "that helped|AFFIRM", "evet|AFFIRM",
            "بله|AFFIRM", "no|DENY", "nope, not really|DENY", "hayır|DENY", "نه|DENY", "it didn't help|DENY",
            "no, I mean the yearly plan|QUESTION"})
    void readsFeedbackOnlyWhenItWasAskedFor(String text, Intent expected) {
        assertThat(detector.classify(text, true)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I was charged twice this month|billing_dispute", "I want my money back|billing_dispute",
            "Paramı geri istiyorum|billing_dispute", "دو بار کسر شده|billing_dispute",
            "My account was hacked|account_security", "Hesabım çalındı|account_security",
            "I will contact my lawyer|legal", "the whole app is down for everyone|outage"})
    void routesSensitiveTopicsWithTheirReason(String text, String reason) {
        assertThat(sensitive.match(text)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"What is your refund policy?", "How do I reset my password?", "How do I download an invoice?",
            "İade politikanız nedir?"})
    void policyQuestionsAreNotSensitive(String text) {
        assertThat(sensitive.match(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"This is useless|1", "THIS IS NOT WORKING AT ALL!!|1",
            "what a waste of time|2", "Saçma bir cevap|1", "افتضاح است|2", "How do I export my data?|0"})
    void gradesFrustration(String text, int level) {
        assertThat(detector.frustration(text)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"How do I reset my password?|en", "Şifremi nasıl sıfırlarım?|tr",
            "Faturamı nereden indirebilirim?|tr", "چطور رمز عبورم را تغییر دهم؟|fa", "Wie kann ich mein Passwort ändern?|de",
            "¿Cómo puedo cambiar mi contraseña?|es", "Comment changer mon mot de passe ?|fr",
            "Şifrəmi necə dəyişə bilərəm?|az", "Müştəri dəstəyi ilə necə əlaqə saxlaya bilərəm?|az",
            "Salam, sifremi unutdum|az"})
    void detectsTheLanguageOfAQuestion(String text, String language) {
        assertThat(LanguageDetector.detect(text)).contains(language);
    }
}
