package io.parley.assistant.web;

import io.parley.assistant.BotPreview;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Writers test a question against the live knowledge base (WRITER role; see SecurityConfiguration). */
@RestController
class PreviewController {

    private final BotPreview preview;

    PreviewController(BotPreview preview) {
        this.preview = preview;
    }

    @PostMapping("/api/assistant/preview")
    BotPreview.Preview preview(@RequestBody PreviewRequest request) {
        return preview.preview(request.question(), request.locale());
    }

    record PreviewRequest(String question, String locale) {
    }
}
