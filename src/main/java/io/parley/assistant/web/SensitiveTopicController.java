package io.parley.assistant.web;

import java.util.List;

import io.parley.assistant.intent.SensitiveTopicStore;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sensitive topics (always handed to a person) for admins: read, replace, reset to the configured ones, and try a
 * sentence against them ({@code /api/assistant/sensitive-topics}, ADMIN; see SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/assistant/sensitive-topics")
class SensitiveTopicController {

    private final SensitiveTopicStore store;

    SensitiveTopicController(SensitiveTopicStore store) {
        this.store = store;
    }

    @GetMapping
    SensitiveTopicStore.Settings get() {
        return store.settings();
    }

    @PutMapping
    SensitiveTopicStore.Settings replace(@RequestBody Replacement body, @AuthenticationPrincipal ParleyPrincipal admin) {
        return store.save(body.topics(), admin.displayName() != null ? admin.displayName() : admin.getName());
    }

    @DeleteMapping
    SensitiveTopicStore.Settings reset() {
        return store.reset();
    }

    /** Which topic (if any) a customer's sentence would be handed off for, with the topics in force. */
    @PostMapping("/check")
    CheckResult check(@RequestBody Check body) {
        if (body.text() == null || body.text().isBlank() || body.text().length() > 2000) {
            throw InvalidInput.field("text", "is required (at most 2000 characters)");
        }
        String reason = store.current().match(body.text()).orElse(null);
        return new CheckResult(reason != null, reason);
    }

    /** @param reason the topic's hand-off reason, left out when not sensitive */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CheckResult(boolean sensitive, String reason) {
    }

    record Replacement(List<SensitiveTopics.Topic> topics) {
    }

    record Check(String text) {
    }
}
