package io.parley.agent.web;

import java.util.List;
import java.util.UUID;

import io.parley.agent.SavedReplies;
import io.parley.agent.SavedReply;
import io.parley.core.ParleyPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The team's saved replies (any agent may add and edit them). */
@RestController
@RequestMapping("/api/agent/saved-replies")
class SavedReplyController {

    private final SavedReplies replies;

    SavedReplyController(SavedReplies replies) {
        this.replies = replies;
    }

    @GetMapping
    List<SavedReply> list(@RequestParam(required = false) String q) {
        return replies.list(q);
    }

    @GetMapping("/{id}")
    SavedReply get(@PathVariable UUID id) {
        return replies.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SavedReply create(@RequestBody Body body, @AuthenticationPrincipal ParleyPrincipal principal) {
        return replies.create(body.shortcut(), body.title(), body.body(), body.locale(), UUID.fromString(principal.id()));
    }

    @PutMapping("/{id}")
    SavedReply update(@PathVariable UUID id, @RequestBody Body body) {
        return replies.update(id, body.shortcut(), body.title(), body.body(), body.locale());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        replies.delete(id);
    }

    record Body(String shortcut, String title, String body, String locale) {
    }
}
