package io.parley.agent.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin pages are a static single page (static/admin/) routed by URL fragment; {@code /admin} and
 * {@code /admin/} both show it. The page itself is public (it signs in through the API and shows nothing before);
 * every call it makes is checked for the ADMIN role.
 */
@Controller
class AdminPageController {

    @GetMapping({ "/admin", "/admin/" })
    String admin() {
        return "forward:/admin/index.html";
    }
}
