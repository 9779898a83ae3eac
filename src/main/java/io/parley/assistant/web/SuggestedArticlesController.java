package io.parley.assistant.web;

import java.util.List;
import java.util.UUID;

import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.core.ParleyPrincipal;
import io.parley.knowledge.KnowledgeSearch;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Articles that fit what the customer asked, for the agent's side panel (AGENT role, under {@code /api/agent}). It
 * lives with the bot, not with handoff: it reads a conversation (chat) and searches the knowledge base, which the
 * assistant depends on and handoff does not.
 */
@RestController
class SuggestedArticlesController {

    /** how many of the customer's last messages make the query */
    private static final int CONTEXT = 3;

    private final Conversations conversations;
    private final KnowledgeSearch search;

    SuggestedArticlesController(Conversations conversations, KnowledgeSearch search) {
        this.conversations = conversations;
        this.search = search;
    }

    /** A knowledge search on the customer's last messages, in the conversation's language. */
    @GetMapping("/api/agent/conversations/{id}/suggested-articles")
    List<Suggestion> suggestions(@PathVariable UUID id, @RequestParam(defaultValue = "5") int limit,
            @AuthenticationPrincipal ParleyPrincipal me) {
        var conversation = conversations.requireAccess(me, id);
        List<String> asked = conversations.recentMessages(id, 20).stream()
                .filter(m -> m.author().type() == AuthorType.CUSTOMER).map(ChatMessage::text).toList();
        if (asked.isEmpty()) {
            return List.of();
        }
        String query = String.join(" ", asked.subList(Math.max(0, asked.size() - CONTEXT), asked.size()));
        return search.search(query, conversation.locale(), Math.max(1, Math.min(limit, 10))).hits().stream()
                .map(h -> new Suggestion(h.articleId(), h.slug(), h.locale(), h.title(), h.url(), h.snippet(), h.score()))
                .toList();
    }

    record Suggestion(String articleId, String slug, String locale, String title, String url, String snippet,
            double score) {
    }
}
