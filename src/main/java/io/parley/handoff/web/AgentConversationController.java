package io.parley.handoff.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.chat.ConversationState;
import io.parley.agent.AgentPresence;
import io.parley.agent.SavedReplies;
import io.parley.agent.SavedReply;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.PostResult;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.handoff.Handoffs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agent console's REST side: conversation lists with context, the transcript, and the same commands as STOMP. */
@RestController
@RequestMapping("/api/agent")
class AgentConversationController {

    private static final int MAX_LIST = 200;

    private final Handoffs handoffs;
    private final ConversationItems items;
    private final Conversations conversations;
    private final AgentPresence presence;
    private final SavedReplies savedReplies;
    private final Viewers viewers;

    AgentConversationController(Handoffs handoffs, ConversationItems items, Conversations conversations,
            AgentPresence presence, SavedReplies savedReplies, Viewers viewers) {
        this.handoffs = handoffs;
        this.items = items;
        this.conversations = conversations;
        this.presence = presence;
        this.savedReplies = savedReplies;
        this.viewers = viewers;
    }

    @GetMapping("/conversations")
    List<ConversationItems.Item> list(@RequestParam(defaultValue = "mine") String view, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal ParleyPrincipal me) {
        int size = Math.max(1, Math.min(limit, MAX_LIST));
        return switch (view) {
            case "queue" -> items.items(handoffs.queue(size));
            case "mine" -> items.items(handoffs.assignedTo(UUID.fromString(me.id()), size));
            case "all" -> items.items(handoffs.all(state(state), size));
            default -> throw InvalidInput.field("view", "must be queue, mine or all");
        };
    }

    @GetMapping("/conversations/{id}")
    ConversationItems.Detail detail(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal me) {
        conversations.requireAccess(me, id);
        return items.detail(id);
    }

    @GetMapping("/conversations/{id}/messages")
    MessagePage messages(@PathVariable UUID id, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "0") int limit, @AuthenticationPrincipal ParleyPrincipal me) {
        var conversation = conversations.requireAccess(me, id);
        List<ChatMessage> page = conversations.messagesAfter(id, after, limit);
        long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        return new MessagePage(id, page, conversation.lastSeq(), last < conversation.lastSeq());
    }

    @PostMapping("/conversations/{id}/claim")
    ConversationItems.Item claim(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal me) {
        handoffs.claim(id, me);
        return items.item(id);
    }

    @PostMapping("/conversations/{id}/reply")
    ResponseEntity<Replied> reply(@PathVariable UUID id, @RequestBody AgentCommands.ReplyBody body,
            @AuthenticationPrincipal ParleyPrincipal me) {
        PostResult result = handoffs.reply(id, me, body.clientMessageId(), body.text());
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Replied(result.message(), result.duplicate()));
    }

    @PostMapping("/conversations/{id}/transfer")
    ConversationItems.Item transfer(@PathVariable UUID id, @RequestBody AgentCommands.TransferBody body,
            @AuthenticationPrincipal ParleyPrincipal me) {
        handoffs.transfer(id, me, body.target(), body.teamId());
        return items.item(id);
    }

    @PostMapping("/conversations/{id}/resolve")
    ConversationItems.Item resolve(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal me) {
        handoffs.resolve(id, me);
        return items.item(id);
    }

    @PostMapping("/conversations/{id}/return-to-bot")
    ConversationItems.Item returnToBot(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal me) {
        handoffs.returnToBot(id, me);
        return items.item(id);
    }

    @GetMapping("/conversations/{id}/viewers")
    List<ConversationItems.Person> viewers(@PathVariable UUID id) {
        return viewers.of(id);
    }

    /** A saved reply with its placeholders filled in for this conversation and this agent. */
    @GetMapping("/conversations/{id}/saved-replies/{replyId}")
    ExpandedReply expand(@PathVariable UUID id, @PathVariable UUID replyId, @AuthenticationPrincipal ParleyPrincipal me) {
        ConversationItems.Item item = items.item(conversations.requireAccess(me, id).id());
        SavedReply reply = savedReplies.get(replyId);
        Map<String, String> values = new HashMap<>();
        String name = item.customer().name();
        values.put("customer.name", name == null || name.isBlank() ? "there" : name);
        values.put("customer.email", item.customer().email() == null ? "" : item.customer().email());
        values.put("agent.name", me.displayName() == null ? "" : me.displayName());
        values.put("ticket.number", item.ticket() == null ? "" : Long.toString(item.ticket().number()));
        return new ExpandedReply(reply.id(), reply.shortcut(), SavedReplies.expand(reply.body(), values));
    }

    /** Agents with presence, capacity and current load, e.g. to pick a transfer target. */
    @GetMapping("/agents")
    List<AgentLoad> agents() {
        Map<UUID, Integer> load = handoffs.load();
        return presence.agents().stream().map(a -> new AgentLoad(a.staffId(), a.name(), a.presence(), a.capacity(),
                load.getOrDefault(a.staffId(), 0))).toList();
    }

    /** One page of a conversation's messages. */
    record MessagePage(UUID conversationId, List<ChatMessage> messages, long lastSeq, boolean hasMore) {
    }

    record Replied(ChatMessage message, boolean duplicate) {
    }

    record ExpandedReply(UUID id, String shortcut, String text) {
    }

    /** @param active conversations assigned to the agent now */
    record AgentLoad(UUID id, String name, io.parley.agent.Presence presence, int capacity, int active) {
    }

    private static ConversationState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ConversationState.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw InvalidInput.field("state", "must be bot, queued, assigned or resolved");
        }
    }
}
