package io.parley.chat.web;

import java.util.List;
import java.util.UUID;

import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.ConversationSummary;
import io.parley.chat.Conversations;
import io.parley.chat.PostMessage;
import io.parley.chat.PostResult;
import io.parley.core.ParleyPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The customer's threads over REST: list, start, read history (resume after a reconnect), post, mark read. */
@RestController
@RequestMapping("/api/widget/conversations")
class WidgetConversationController {

    private final Conversations conversations;

    WidgetConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping
    List<ConversationSummary> list(@AuthenticationPrincipal ParleyPrincipal customer) {
        return conversations.listFor(UUID.fromString(customer.id()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StartedConversation start(@AuthenticationPrincipal ParleyPrincipal customer,
            @Valid @RequestBody(required = false) StartConversation request) {
        StartConversation body = request == null ? new StartConversation(null, null, null, null) : request;
        Conversation conversation = conversations.start(UUID.fromString(customer.id()), body.subject(), body.locale());
        ChatMessage first = null;
        if (body.text() != null) {
            first = conversations.post(new PostMessage(conversation.id(), Author.customer(customer.id(), customer.displayName()),
                    body.text(), null, body.clientMessageId())).message();
        }
        return new StartedConversation(conversations.get(conversation.id()), first);
    }

    @GetMapping("/{id}")
    Conversation get(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID id) {
        return conversations.requireAccess(customer, id);
    }

    @GetMapping("/{id}/messages")
    MessagePage messages(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "0") int limit) {
        Conversation conversation = conversations.requireAccess(customer, id);
        List<ChatMessage> page = conversations.messagesAfter(id, after, limit);
        long last = page.isEmpty() ? Math.max(after, 0) : page.get(page.size() - 1).seq();
        return new MessagePage(id, page, conversation.lastSeq(), last < conversation.lastSeq());
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<PostResult> post(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID id,
            @RequestBody SendMessage request) {
        conversations.requireAccess(customer, id);
        PostResult result = conversations.post(new PostMessage(id, Author.customer(customer.id(), customer.displayName()),
                request.text(), null, request.clientMessageId()));
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID id, @Valid @RequestBody MarkRead request) {
        conversations.requireAccess(customer, id);
        conversations.markRead(id, AuthorType.CUSTOMER, request.seq());
    }

    record StartConversation(@Size(max = 200) String subject, @Size(max = 20) String locale, String text,
            @Size(max = 100) String clientMessageId) {
    }

    record StartedConversation(Conversation conversation, ChatMessage firstMessage) {
    }

    /**
     * @param lastSeq the conversation's newest seq
     * @param hasMore true when more messages follow this page (ask again with after = the last seq here)
     */
    record MessagePage(UUID conversationId, List<ChatMessage> messages, long lastSeq, boolean hasMore) {
    }

    record MarkRead(@PositiveOrZero long seq) {
    }
}
