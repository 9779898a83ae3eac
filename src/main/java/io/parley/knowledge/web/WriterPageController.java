package io.parley.knowledge.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The writer pages: one static page (static/writer/) that routes by URL fragment, so one URL serves them all. */
@Controller
class WriterPageController {

    @GetMapping({ "/writer", "/writer/" })
    String writer() {
        return "forward:/writer/index.html";
    }
}
