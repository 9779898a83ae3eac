package io.parley.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * What the customer is told about each ownership change, in their conversation's language (en, de, tr, fa; anything
 * else in English).
 */
final class CustomerNotices {

    enum Key { QUEUED, QUEUED_WAIT, FEW_MINUTES, MINUTES, OUT_OF_HOURS, OUT_OF_HOURS_UNKNOWN, ASSIGNED, RETURNED_TO_BOT, RESOLVED, CONTACT_SAVED }

    private static final Map<String, Map<Key, String>> TEXTS = Map.of(
            "en", Map.of(
                    Key.QUEUED, "A person will take over shortly. You are number {position} in the queue.",
                    Key.QUEUED_WAIT, "Expected wait: {wait}.",
                    Key.FEW_MINUTES, "a few minutes",
                    Key.MINUTES, "about {n} min",
                    Key.OUT_OF_HOURS, "Our team is away right now and back at {backAt}. Leave your email address and we'll reply here and by email.",
                    Key.OUT_OF_HOURS_UNKNOWN, "Our team is away right now. Leave your email address and we'll reply here and by email.",
                    Key.ASSIGNED, "You're now chatting with {agent}.",
                    Key.RETURNED_TO_BOT, "You're chatting with our assistant again. Ask away, or ask for a person any time.",
                    Key.RESOLVED, "This conversation has been resolved. How would you rate our help?",
                    Key.CONTACT_SAVED, "Thanks! We'll reply here and by email at {email}."),
            "de", Map.of(
                    Key.QUEUED, "Gleich übernimmt eine Person. Sie sind Nummer {position} in der Warteschlange.",
                    Key.QUEUED_WAIT, "Voraussichtliche Wartezeit: {wait}.",
                    Key.FEW_MINUTES, "wenige Minuten",
                    Key.MINUTES, "etwa {n} Min.",
                    Key.OUT_OF_HOURS, "Unser Team ist gerade nicht da und ab {backAt} wieder erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir hier und per E-Mail.",
                    Key.OUT_OF_HOURS_UNKNOWN, "Unser Team ist gerade nicht da. Hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir hier und per E-Mail.",
                    Key.ASSIGNED, "Sie chatten jetzt mit {agent}.",
                    Key.RETURNED_TO_BOT, "Sie chatten wieder mit unserem Assistenten. Fragen Sie gern, oder verlangen Sie jederzeit eine Person.",
                    Key.RESOLVED, "Diese Unterhaltung ist erledigt. Wie bewerten Sie unsere Hilfe?",
                    Key.CONTACT_SAVED, "Danke! Wir antworten hier und per E-Mail an {email}."),
            "tr", Map.of(
                    Key.QUEUED, "Birazdan bir temsilci devralacak. Sırada {position}. sıradasınız.",
                    Key.QUEUED_WAIT, "Tahmini bekleme: {wait}.",
                    Key.FEW_MINUTES, "birkaç dakika",
                    Key.MINUTES, "yaklaşık {n} dk",
                    Key.OUT_OF_HOURS, "Ekibimiz şu anda çevrimdışı ve {backAt} itibarıyla geri dönecek. E-posta adresinizi bırakın; size buradan ve e-postayla yanıt verelim.",
                    Key.OUT_OF_HOURS_UNKNOWN, "Ekibimiz şu anda çevrimdışı. E-posta adresinizi bırakın; size buradan ve e-postayla yanıt verelim.",
                    Key.ASSIGNED, "Şimdi {agent} ile sohbet ediyorsunuz.",
                    Key.RETURNED_TO_BOT, "Yeniden asistanımızla sohbet ediyorsunuz. Sorunuzu sorun ya da istediğiniz zaman bir temsilci isteyin.",
                    Key.RESOLVED, "Bu konuşma çözüldü. Yardımımızı nasıl değerlendirirsiniz?",
                    Key.CONTACT_SAVED, "Teşekkürler! Size buradan ve {email} adresine e-postayla yanıt vereceğiz."),
            "fa", Map.of(
                    Key.QUEUED, "به‌زودی یک کارشناس گفتگو را ادامه می‌دهد. شما نفر {position} در صف هستید.",
                    Key.QUEUED_WAIT, "زمان انتظار تقریبی: {wait}.",
                    Key.FEW_MINUTES, "چند دقیقه",
                    Key.MINUTES, "حدود {n} دقیقه",
                    Key.OUT_OF_HOURS, "تیم ما اکنون در دسترس نیست و از {backAt} بازمی‌گردد. ایمیل خود را بگذارید تا همین‌جا و از طریق ایمیل پاسخ دهیم.",
                    Key.OUT_OF_HOURS_UNKNOWN, "تیم ما اکنون در دسترس نیست. ایمیل خود را بگذارید تا همین‌جا و از طریق ایمیل پاسخ دهیم.",
                    Key.ASSIGNED, "اکنون با {agent} گفتگو می‌کنید.",
                    Key.RETURNED_TO_BOT, "دوباره با دستیار ما گفتگو می‌کنید. بپرسید، یا هر زمان که خواستید یک کارشناس بخواهید.",
                    Key.RESOLVED, "این گفتگو حل شد. به کمک ما چه امتیازی می‌دهید؟",
                    Key.CONTACT_SAVED, "سپاس! همین‌جا و از طریق ایمیل به {email} پاسخ می‌دهیم."));

    private CustomerNotices() {
    }

    static String language(String locale) {
        String language = locale == null ? "en" : locale.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return TEXTS.containsKey(language) ? language : "en";
    }

    static String text(String locale, Key key, Map<String, String> values) {
        String text = TEXTS.get(language(locale)).get(key);
        for (var value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    static String queued(String locale, int position, Duration expectedWait) {
        String wait = expectedWait == null ? text(locale, Key.FEW_MINUTES, Map.of())
                : text(locale, Key.MINUTES, Map.of("n", Long.toString(Math.max(1, (expectedWait.toSeconds() + 59) / 60))));
        return text(locale, Key.QUEUED, Map.of("position", Integer.toString(position))) + " "
                + text(locale, Key.QUEUED_WAIT, Map.of("wait", wait));
    }

    /** "back at" in the team's time zone, e.g. "Monday, 9:00 AM (Europe/Berlin)", in the customer's language. */
    static String outOfHours(String locale, Instant backAt, ZoneId zone) {
        if (backAt == null) {
            return text(locale, Key.OUT_OF_HOURS_UNKNOWN, Map.of());
        }
        Locale language = Locale.forLanguageTag(language(locale));
        String when = DateTimeFormatter.ofPattern("EEEE", language).format(backAt.atZone(zone)) + " "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(language).format(backAt.atZone(zone))
                + " (" + zone.getId() + ")";
        return text(locale, Key.OUT_OF_HOURS, Map.of("backAt", when));
    }
}
