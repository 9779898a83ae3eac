package io.parley.insight.webhook;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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

/** Webhook endpoints and their delivery log, {@code /api/insights/webhooks} (ADMIN). */
@RestController
@RequestMapping("/api/insights/webhooks")
class WebhookController {

    private final WebhookEndpoints endpoints;
    private final WebhookOutbox outbox;

    WebhookController(WebhookEndpoints endpoints, WebhookOutbox outbox) {
        this.endpoints = endpoints;
        this.outbox = outbox;
    }

    /** "Send test": a {@code webhook.test} delivery to this endpoint; its outcome shows in the delivery log. */
    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestSent sendTest(@PathVariable UUID id) {
        if (!endpoints.get(id).active()) {
            // the sender skips inactive endpoints, so the test would wait in the log forever
            throw new io.parley.insight.InsightException(409, "webhook_inactive", "Activate the endpoint before sending a test");
        }
        return new TestSent(outbox.enqueueTest(id));
    }

    record TestSent(UUID deliveryId) {
    }

    /** The response is the only time the secret is shown. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookEndpoints.Endpoint create(@RequestBody WebhookEndpoints.EndpointInput input) {
        return endpoints.create(input);
    }

    @GetMapping
    List<WebhookEndpoints.Endpoint> list() {
        return endpoints.list().stream().map(WebhookEndpoints.Endpoint::withoutSecret).toList();
    }

    @GetMapping("/{id}")
    WebhookEndpoints.Endpoint get(@PathVariable UUID id) {
        return endpoints.get(id).withoutSecret();
    }

    @PutMapping("/{id}")
    WebhookEndpoints.Endpoint update(@PathVariable UUID id, @RequestBody WebhookEndpoints.EndpointInput input) {
        return endpoints.update(id, input).withoutSecret();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        endpoints.delete(id);
    }

    @GetMapping("/{id}/deliveries")
    List<WebhookEndpoints.Delivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        return endpoints.deliveries(id, status, limit);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        endpoints.retry(id, deliveryId);
    }
}
