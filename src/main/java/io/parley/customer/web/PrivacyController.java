package io.parley.customer.web;

import java.util.List;
import java.util.UUID;

import io.parley.core.ParleyPrincipal;
import io.parley.customer.Customer;
import io.parley.customer.CustomerExport;
import io.parley.customer.CustomerPrivacy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** GDPR export and erasure of one customer, for admins (URL rule {@code /api/privacy/**}). */
@RestController
@RequestMapping("/api/privacy/customers")
class PrivacyController {

    private final CustomerPrivacy privacy;

    PrivacyController(CustomerPrivacy privacy) {
        this.privacy = privacy;
    }

    /** A data subject usually names themselves by email or account, not by Parley's id. */
    @GetMapping
    List<Customer> find(@RequestParam(required = false) String email, @RequestParam(required = false) String externalId) {
        return privacy.find(email, externalId);
    }

    /** Everything Parley keeps about the customer, as one JSON document offered for download. */
    @GetMapping("/{id}/export")
    ResponseEntity<CustomerExport> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"parley-customer-" + id + ".json\"")
                .body(privacy.export(id));
    }

    /** Deletes the customer's conversations, messages, tickets and profile, and anonymises their insight facts. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@AuthenticationPrincipal ParleyPrincipal admin, @PathVariable UUID id) {
        privacy.erase(id, admin);
    }
}
