package io.parley.insight.health;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.parley.insight.InsightException;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer and account health, {@code /api/insights/customers/...} and {@code /api/insights/accounts/...} (AGENT). */
@RestController
class HealthController {

    private final HealthQuery query;
    private final InsightProperties properties;
    private final Clock clock;

    HealthController(HealthQuery query, InsightProperties properties, Clock clock) {
        this.query = query;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/insights/customers/at-risk")
    List<CustomerHealth> customersAtRisk(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
        return query.atRisk(period(from, to), limit);
    }

    @GetMapping("/api/insights/customers/{customerId}/health")
    CustomerHealth customer(@PathVariable UUID customerId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return query.customers(period(from, to), customerId).stream().findFirst()
                .orElseThrow(() -> InsightException.notFound("customer_health_not_found",
                        "No activity of customer " + customerId + " in this period"));
    }

    @GetMapping("/api/insights/accounts")
    List<AccountHealth> accounts(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return query.accounts(period(from, to));
    }

    @GetMapping("/api/insights/accounts/at-risk")
    List<AccountHealth> accountsAtRisk(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
        return query.accountsAtRisk(period(from, to), limit);
    }

    @GetMapping("/api/insights/accounts/{account}/health")
    AccountHealth account(@PathVariable String account, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return query.accounts(period(from, to)).stream().filter(a -> a.account().equals(account)).findFirst()
                .orElseThrow(() -> InsightException.notFound("account_health_not_found",
                        "No activity of account '" + account + "' in this period"));
    }

    private ReportPeriod period(String from, String to) {
        return ReportPeriod.parse(from, to, null, properties.metrics().zone(), clock);
    }
}
