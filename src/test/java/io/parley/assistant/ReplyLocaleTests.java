package io.parley.assistant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.ConversationState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which language the bot searches and answers in, for Azerbaijani customers in particular. */
class ReplyLocaleTests {

    static String locale(String widgetLocale, String text) {
        Instant now = Instant.now();
        Conversation conversation = new Conversation(UUID.randomUUID(), UUID.randomUUID(), null, widgetLocale, 1, 0, 0,
                now, now, ConversationState.BOT, null);
        ChatMessage message = new ChatMessage(UUID.randomUUID(), conversation.id(), 1, Author.customer(null, null), text,
                null, null, now);
        return ReplyPlanner.locale(new TurnContext(conversation, List.of(message), message, null, widgetLocale));
    }

    @Test
    void anAzerbaijaniConversationStaysAzerbaijaniWhateverLettersTheCustomerTypes() {
        assertThat(locale("az", "Şifrəmi necə dəyişə bilərəm?")).isEqualTo("az");
        // plain letters read like Turkish: still the widget's Azerbaijani, not a switch to Turkish
        assertThat(locale("az", "sifremi nasil degistirebilirim ben")).isEqualTo("az");
        assertThat(locale("az", "Şifremi nasıl değiştirebilirim, lütfen yardım edin")).isEqualTo("az");
    }

    @Test
    void withoutAWidgetLocaleAzerbaijaniTextSearchesAzerbaijaniArticles() {
        assertThat(locale(null, "Müştəri dəstəyi ilə necə əlaqə saxlaya bilərəm?")).isEqualTo("az");
        assertThat(locale(null, "Şifremi nasıl sıfırlarım?")).isEqualTo("tr");
    }

    @Test
    void aCustomerWhoSwitchesToALanguageTheBotSpeaksIsAnsweredInIt() {
        assertThat(locale("en", "Şifremi nasıl sıfırlarım, lütfen yardım edin")).isEqualTo("tr");
        assertThat(locale("tr", "How do I reset my password please")).isEqualTo("en");
    }
}
