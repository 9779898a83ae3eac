package io.parley.agent.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The agent console is a static single page (static/console/); {@code /console} and {@code /console/} both show
 * it. Its scripts use absolute paths, so the page works with and without the trailing slash.
 */
@Controller
class ConsolePageController {

    @GetMapping({ "/console", "/console/" })
    String console() {
        return "forward:/console/index.html";
    }
}
