package io.parley.customer.web;

import io.parley.customer.CustomerSessions;
import io.parley.customer.SessionRequest;
import io.parley.customer.WidgetSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WidgetSessionController {

    private final CustomerSessions sessions;

    WidgetSessionController(CustomerSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/api/widget/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    WidgetSession start(@Valid @RequestBody(required = false) SessionRequest request) {
        return sessions.start(request == null ? new SessionRequest(null, null, null, null, null, null) : request);
    }
}
