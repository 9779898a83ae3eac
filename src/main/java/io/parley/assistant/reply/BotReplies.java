package io.parley.assistant.reply;

import java.util.Map;

/**
 * Everything the bot says in its own words, per language. Article content is quoted in the article's language;
 * these frame it in the customer's. Unknown languages fall back to English.
 */
public final class BotReplies {

    public enum Key {
        GREETING, GREETING_NAMED, THANKS, GOODBYE, ASK_FEEDBACK, YES, NO, TALK_TO_PERSON, GLAD, CLARIFY, DONT_KNOW,
        HANDOFF, HANDOFF_SENSITIVE, CLARIFY_ONE, FRUSTRATION_OFFER, NEXT_BEST, UNHELPFUL_OFFER, READ_MORE, FROM_ARTICLE, NONE_OF_THESE, BUSY
    }

    private static final Map<String, Map<Key, String>> TEXTS = Map.of(
            "en", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "Is this what you are looking for?"),
                    Map.entry(Key.GREETING, "Hi! How can I help you today?"),
                    Map.entry(Key.GREETING_NAMED, "Hi %s! How can I help you today?"),
                    Map.entry(Key.THANKS, "You're welcome! Is there anything else I can help with?"),
                    Map.entry(Key.GOODBYE, "Goodbye, and have a great day!"),
                    Map.entry(Key.ASK_FEEDBACK, "Did that answer your question?"),
                    Map.entry(Key.YES, "Yes"),
                    Map.entry(Key.NO, "No"),
                    Map.entry(Key.TALK_TO_PERSON, "Talk to a person"),
                    Map.entry(Key.GLAD, "Great, glad I could help! Anything else?"),
                    Map.entry(Key.CLARIFY, "I found a few articles that might help. Which one is closest to your question?"),
                    Map.entry(Key.DONT_KNOW, "I'm sorry, I don't know the answer to that. Would you like to talk to a person?"),
                    Map.entry(Key.HANDOFF, "I'm connecting you with a member of our team. They will see this whole conversation, so you won't need to repeat yourself."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "This is something a member of our team should handle personally. I'm connecting you now; they will see this conversation."),
                    Map.entry(Key.FRUSTRATION_OFFER, "I'm sorry this has been frustrating. Would you like to talk to a person?"),
                    Map.entry(Key.NEXT_BEST, "Sorry about that. Maybe this helps:"),
                    Map.entry(Key.UNHELPFUL_OFFER, "I'm sorry I couldn't help. Would you like to talk to a person?"),
                    Map.entry(Key.READ_MORE, "Read the full article"),
                    Map.entry(Key.FROM_ARTICLE, "From “%s”:"),
                    Map.entry(Key.NONE_OF_THESE, "None of these"),
                    Map.entry(Key.BUSY, "I'm getting a lot of questions right now, so a member of our team will help you with this one.")),
            "tr", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "Aradığınız bu mu?"),
                    Map.entry(Key.GREETING, "Merhaba! Size bugün nasıl yardımcı olabilirim?"),
                    Map.entry(Key.GREETING_NAMED, "Merhaba %s! Size bugün nasıl yardımcı olabilirim?"),
                    Map.entry(Key.THANKS, "Rica ederim! Yardımcı olabileceğim başka bir konu var mı?"),
                    Map.entry(Key.GOODBYE, "Hoşça kalın, iyi günler!"),
                    Map.entry(Key.ASK_FEEDBACK, "Bu sorunuzu yanıtladı mı?"),
                    Map.entry(Key.YES, "Evet"),
                    Map.entry(Key.NO, "Hayır"),
                    Map.entry(Key.TALK_TO_PERSON, "Bir temsilciyle görüş"),
                    Map.entry(Key.GLAD, "Harika, yardımcı olabildiğime sevindim! Başka bir şey var mı?"),
                    Map.entry(Key.CLARIFY, "Yardımcı olabilecek birkaç makale buldum. Hangisi sorunuza en yakın?"),
                    Map.entry(Key.DONT_KNOW, "Üzgünüm, bunun cevabını bilmiyorum. Bir temsilciyle görüşmek ister misiniz?"),
                    Map.entry(Key.HANDOFF, "Sizi ekibimizden birine bağlıyorum. Bu konuşmanın tamamını görecekler, tekrar anlatmanıza gerek kalmayacak."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "Bu konuyla ekibimizden birinin bizzat ilgilenmesi gerekiyor. Sizi şimdi bağlıyorum; bu konuşmayı görecekler."),
                    Map.entry(Key.FRUSTRATION_OFFER, "Yaşadığınız zorluk için üzgünüm. Bir temsilciyle görüşmek ister misiniz?"),
                    Map.entry(Key.NEXT_BEST, "Kusura bakmayın. Belki bu yardımcı olur:"),
                    Map.entry(Key.UNHELPFUL_OFFER, "Yardımcı olamadığım için üzgünüm. Bir temsilciyle görüşmek ister misiniz?"),
                    Map.entry(Key.READ_MORE, "Makalenin tamamını okuyun"),
                    Map.entry(Key.FROM_ARTICLE, "“%s” makalesinden:"),
                    Map.entry(Key.NONE_OF_THESE, "Hiçbiri"),
                    Map.entry(Key.BUSY, "Şu anda çok fazla soru alıyorum; bu konuda ekibimizden biri size yardımcı olacak.")),
            "fa", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "آیا دنبال این هستید؟"),
                    Map.entry(Key.GREETING, "سلام! امروز چطور می‌توانم کمکتان کنم؟"),
                    Map.entry(Key.GREETING_NAMED, "سلام %s! امروز چطور می‌توانم کمکتان کنم؟"),
                    Map.entry(Key.THANKS, "خواهش می‌کنم! کار دیگری هست که بتوانم انجام دهم؟"),
                    Map.entry(Key.GOODBYE, "خدانگهدار، روز خوبی داشته باشید!"),
                    Map.entry(Key.ASK_FEEDBACK, "آیا این پاسخ سؤال شما را داد؟"),
                    Map.entry(Key.YES, "بله"),
                    Map.entry(Key.NO, "نه"),
                    Map.entry(Key.TALK_TO_PERSON, "صحبت با اپراتور"),
                    Map.entry(Key.GLAD, "عالی است، خوشحالم که توانستم کمک کنم! سؤال دیگری دارید؟"),
                    Map.entry(Key.CLARIFY, "چند مقاله پیدا کردم که ممکن است کمک کند. کدام به سؤال شما نزدیک‌تر است؟"),
                    Map.entry(Key.DONT_KNOW, "متأسفم، پاسخ این سؤال را نمی‌دانم. می‌خواهید با یک اپراتور صحبت کنید؟"),
                    Map.entry(Key.HANDOFF, "شما را به یکی از همکارانمان وصل می‌کنم. آن‌ها کل این گفتگو را می‌بینند و لازم نیست دوباره توضیح دهید."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "این موضوع باید شخصاً توسط یکی از همکاران ما بررسی شود. الان شما را وصل می‌کنم؛ آن‌ها این گفتگو را می‌بینند."),
                    Map.entry(Key.FRUSTRATION_OFFER, "متأسفم که این‌قدر آزاردهنده بوده است. می‌خواهید با یک اپراتور صحبت کنید؟"),
                    Map.entry(Key.NEXT_BEST, "عذر می‌خواهم. شاید این کمک کند:"),
                    Map.entry(Key.UNHELPFUL_OFFER, "متأسفم که نتوانستم کمک کنم. می‌خواهید با یک اپراتور صحبت کنید؟"),
                    Map.entry(Key.READ_MORE, "خواندن کامل مقاله"),
                    Map.entry(Key.FROM_ARTICLE, "از مقالهٔ «%s»:"),
                    Map.entry(Key.NONE_OF_THESE, "هیچ‌کدام"),
                    Map.entry(Key.BUSY, "در حال حاضر پرسش‌های زیادی دریافت می‌کنم؛ یکی از اعضای تیم ما در این مورد به شما کمک خواهد کرد.")),
            "de", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "Suchen Sie danach?"),
                    Map.entry(Key.GREETING, "Hallo! Wie kann ich Ihnen heute helfen?"),
                    Map.entry(Key.GREETING_NAMED, "Hallo %s! Wie kann ich Ihnen heute helfen?"),
                    Map.entry(Key.THANKS, "Gern geschehen! Kann ich sonst noch helfen?"),
                    Map.entry(Key.GOODBYE, "Auf Wiedersehen und einen schönen Tag!"),
                    Map.entry(Key.ASK_FEEDBACK, "Hat das Ihre Frage beantwortet?"),
                    Map.entry(Key.YES, "Ja"),
                    Map.entry(Key.NO, "Nein"),
                    Map.entry(Key.TALK_TO_PERSON, "Mit einem Menschen sprechen"),
                    Map.entry(Key.GLAD, "Prima, freut mich, dass ich helfen konnte! Noch etwas?"),
                    Map.entry(Key.CLARIFY, "Ich habe einige Artikel gefunden, die helfen könnten. Welcher passt am besten zu Ihrer Frage?"),
                    Map.entry(Key.DONT_KNOW, "Das weiß ich leider nicht. Möchten Sie mit einem Menschen sprechen?"),
                    Map.entry(Key.HANDOFF, "Ich verbinde Sie mit unserem Team. Es sieht den ganzen Verlauf, Sie müssen nichts wiederholen."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "Darum sollte sich jemand aus unserem Team persönlich kümmern. Ich verbinde Sie jetzt."),
                    Map.entry(Key.FRUSTRATION_OFFER, "Es tut mir leid, dass das so mühsam ist. Möchten Sie mit einem Menschen sprechen?"),
                    Map.entry(Key.NEXT_BEST, "Entschuldigung. Vielleicht hilft das:"),
                    Map.entry(Key.UNHELPFUL_OFFER, "Es tut mir leid, dass ich nicht helfen konnte. Möchten Sie mit einem Menschen sprechen?"),
                    Map.entry(Key.READ_MORE, "Ganzen Artikel lesen"),
                    Map.entry(Key.FROM_ARTICLE, "Aus „%s“:"),
                    Map.entry(Key.NONE_OF_THESE, "Keiner davon"),
                    Map.entry(Key.BUSY, "Gerade erreichen mich sehr viele Fragen, daher hilft Ihnen ein Mitglied unseres Teams dabei weiter.")),
            "es", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "¿Es esto lo que buscas?"),
                    Map.entry(Key.GREETING, "¡Hola! ¿En qué puedo ayudarte hoy?"),
                    Map.entry(Key.GREETING_NAMED, "¡Hola, %s! ¿En qué puedo ayudarte hoy?"),
                    Map.entry(Key.THANKS, "¡De nada! ¿Hay algo más en lo que pueda ayudarte?"),
                    Map.entry(Key.GOODBYE, "¡Adiós y que tengas un buen día!"),
                    Map.entry(Key.ASK_FEEDBACK, "¿Respondió esto a tu pregunta?"),
                    Map.entry(Key.YES, "Sí"),
                    Map.entry(Key.NO, "No"),
                    Map.entry(Key.TALK_TO_PERSON, "Hablar con una persona"),
                    Map.entry(Key.GLAD, "¡Genial, me alegra haber ayudado! ¿Algo más?"),
                    Map.entry(Key.CLARIFY, "Encontré algunos artículos que podrían ayudar. ¿Cuál se acerca más a tu pregunta?"),
                    Map.entry(Key.DONT_KNOW, "Lo siento, no sé la respuesta. ¿Quieres hablar con una persona?"),
                    Map.entry(Key.HANDOFF, "Te estoy conectando con nuestro equipo. Verán toda esta conversación."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "De esto debe ocuparse personalmente alguien de nuestro equipo. Te conecto ahora."),
                    Map.entry(Key.FRUSTRATION_OFFER, "Siento que esto esté siendo frustrante. ¿Quieres hablar con una persona?"),
                    Map.entry(Key.NEXT_BEST, "Lo siento. Quizás esto ayude:"),
                    Map.entry(Key.UNHELPFUL_OFFER, "Siento no haber podido ayudar. ¿Quieres hablar con una persona?"),
                    Map.entry(Key.READ_MORE, "Leer el artículo completo"),
                    Map.entry(Key.FROM_ARTICLE, "De «%s»:"),
                    Map.entry(Key.NONE_OF_THESE, "Ninguno"),
                    Map.entry(Key.BUSY, "Ahora mismo recibo muchas preguntas, así que un miembro de nuestro equipo te ayudará con esta.")),
            "fr", Map.ofEntries(
                    Map.entry(Key.CLARIFY_ONE, "Est-ce ce que vous cherchez ?"),
                    Map.entry(Key.GREETING, "Bonjour ! Comment puis-je vous aider aujourd'hui ?"),
                    Map.entry(Key.GREETING_NAMED, "Bonjour %s ! Comment puis-je vous aider aujourd'hui ?"),
                    Map.entry(Key.THANKS, "Avec plaisir ! Puis-je vous aider pour autre chose ?"),
                    Map.entry(Key.GOODBYE, "Au revoir et bonne journée !"),
                    Map.entry(Key.ASK_FEEDBACK, "Cela a-t-il répondu à votre question ?"),
                    Map.entry(Key.YES, "Oui"),
                    Map.entry(Key.NO, "Non"),
                    Map.entry(Key.TALK_TO_PERSON, "Parler à une personne"),
                    Map.entry(Key.GLAD, "Parfait, ravi d'avoir pu aider ! Autre chose ?"),
                    Map.entry(Key.CLARIFY, "J'ai trouvé quelques articles qui pourraient aider. Lequel correspond le mieux à votre question ?"),
                    Map.entry(Key.DONT_KNOW, "Désolé, je ne connais pas la réponse. Voulez-vous parler à une personne ?"),
                    Map.entry(Key.HANDOFF, "Je vous mets en relation avec notre équipe. Elle verra toute cette conversation."),
                    Map.entry(Key.HANDOFF_SENSITIVE, "Ce sujet doit être traité personnellement par notre équipe. Je vous mets en relation."),
                    Map.entry(Key.FRUSTRATION_OFFER, "Je suis désolé que ce soit frustrant. Voulez-vous parler à une personne ?"),
                    Map.entry(Key.NEXT_BEST, "Désolé. Peut-être que ceci aidera :"),
                    Map.entry(Key.UNHELPFUL_OFFER, "Désolé de ne pas avoir pu aider. Voulez-vous parler à une personne ?"),
                    Map.entry(Key.READ_MORE, "Lire l'article complet"),
                    Map.entry(Key.FROM_ARTICLE, "Extrait de « %s » :"),
                    Map.entry(Key.NONE_OF_THESE, "Aucun"),
                    Map.entry(Key.BUSY, "Je reçois beaucoup de questions en ce moment : un membre de notre équipe va vous aider pour celle-ci.")));

    private BotReplies() {
    }

    /** The text for {@code key} in {@code locale} (its language part), with {@code args} filled in. */
    public static String text(String locale, Key key, Object... args) {
        Map<Key, String> texts = TEXTS.getOrDefault(language(locale), TEXTS.get("en"));
        String template = texts.getOrDefault(key, TEXTS.get("en").get(key));
        return args.length == 0 ? template : String.format(template, args);
    }

    public static boolean supports(String locale) {
        return TEXTS.containsKey(language(locale));
    }

    public static String language(String locale) {
        if (locale == null || locale.isBlank()) {
            return "en";
        }
        int dash = locale.indexOf('-');
        return (dash > 0 ? locale.substring(0, dash) : locale).toLowerCase(java.util.Locale.ROOT);
    }
}
