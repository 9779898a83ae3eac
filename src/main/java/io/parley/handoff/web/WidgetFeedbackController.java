package io.parley.handoff.web;

import java.util.UUID;

import io.parley.core.ParleyPrincipal;
import io.parley.handoff.Handoff;
import io.parley.handoff.Handoffs;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The customer's side of a handoff: the CSAT rating and an email address to be answered at. */
@RestController
class WidgetFeedbackController {

    private final Handoffs handoffs;

    WidgetFeedbackController(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    @PostMapping("/api/widget/conversations/{id}/rating")
    Handoff.Rating rate(@PathVariable UUID id, @RequestBody RatingBody body, @AuthenticationPrincipal ParleyPrincipal customer) {
        // score, comment (null without one) and at: the rating record is the answer as it is
        return handoffs.rate(id, customer, body.score(), body.comment()).rating();
    }

    @PostMapping("/api/widget/conversations/{id}/contact")
    ContactBody contact(@PathVariable UUID id, @RequestBody ContactBody body, @AuthenticationPrincipal ParleyPrincipal customer) {
        return new ContactBody(handoffs.contact(id, customer, body.email()).contactEmail());
    }

    record RatingBody(Integer score, String comment) {
    }

    record ContactBody(String email) {
    }
}
