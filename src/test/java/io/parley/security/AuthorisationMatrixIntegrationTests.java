package io.parley.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15: every REST route Spring MVC knows and every STOMP destination, for every kind of caller. The rules
 * below are the security model of docs/SECURITY.md; a route or a {@code @MessageMapping} without a rule fails the
 * build, so a new endpoint cannot ship without someone deciding who may use it.
 */
@ParleyIntegrationTest
class AuthorisationMatrixIntegrationTests extends SecurityTestSupport {

    /** Who may call a route (object-level checks, e.g. "own conversation", are checked separately below). */
    enum Rule { PUBLIC, CUSTOMER, STAFF, AGENT, WRITER, ADMIN, /** the conversation's customer, and agents */ PARTY }

    enum Caller { ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, AGENT, OTHER_AGENT, WRITER, ADMIN, DEACTIVATED_STAFF }

    static final Map<String, Rule> REST = new LinkedHashMap<>();
    static {
        rest(Rule.PUBLIC, "POST /api/widget/sessions", "POST /api/auth/login", "GET /api/search", "GET /api/help/{locale}/{slug}",
                "GET /help", "GET /help/", "GET /help/{locale}", "GET /help/{locale}/", "GET /help/{locale}/{slug}",
                "GET /help/{locale}/tags/{tag}", "GET /help/{locale}/search", "POST /help/{locale}/{slug}/feedback",
                "GET /sitemap.xml", "GET /admin", "GET /admin/", "GET /console", "GET /console/", "GET /writer", "GET /writer/", "GET /api-docs", "GET /api-docs/", "ANY /error",
                // mail: the signed link is the credential; the inbound webhook checks its shared secret itself
                "POST /api/widget/mail-link", "POST /api/mail/inbound");
        rest(Rule.CUSTOMER, "GET /api/widget/conversations", "POST /api/widget/conversations",
                "GET /api/widget/conversations/{id}", "GET /api/widget/conversations/{id}/messages",
                "POST /api/widget/conversations/{id}/messages", "POST /api/widget/conversations/{id}/read",
                "POST /api/widget/conversations/{id}/rating", "POST /api/widget/conversations/{id}/contact",
                "GET /api/widget/nps/{surveyId}", "POST /api/widget/nps/{surveyId}", "GET /api/widget/mail",
                "POST /api/widget/conversations/{id}/transcript");
        rest(Rule.STAFF, "GET /api/auth/me", "POST /api/auth/logout", "GET /v3/api-docs", "GET /v3/api-docs.yaml",
                "GET /api/assistant/calibration");
        rest(Rule.WRITER, "GET /api/assistant/labels", "POST /api/assistant/labels");
        rest(Rule.WRITER, "GET /api/articles", "POST /api/articles", "GET /api/articles/{id}", "PUT /api/articles/{id}",
                "DELETE /api/articles/{id}", "POST /api/articles/{id}/publish", "POST /api/articles/{id}/unpublish",
                "POST /api/articles/{id}/archive", "POST /api/articles/{id}/unarchive", "GET /api/articles/{id}/revisions",
                "GET /api/articles/{id}/revisions/{revision}", "POST /api/articles/{id}/revisions/{revision}/restore",
                "POST /api/articles/import", "POST /api/assistant/preview", "GET /api/insights/content-gaps",
                "GET /api/insights/content-gaps/{id}", "POST /api/insights/content-gaps/{id}/address",
                "DELETE /api/insights/content-gaps/{id}/address", "GET /api/insights/content-gaps/article-usage",
                "GET /api/insights/content-gaps/article-usage/{articleId}");
        rest(Rule.AGENT, "GET /api/agent/presence", "PUT /api/agent/presence", "GET /api/agent/saved-replies",
                "GET /api/agent/saved-replies/{id}", "POST /api/agent/saved-replies", "PUT /api/agent/saved-replies/{id}",
                "DELETE /api/agent/saved-replies/{id}", "GET /api/agent/conversations", "GET /api/agent/conversations/{id}",
                "GET /api/agent/conversations/{id}/messages", "POST /api/agent/conversations/{id}/claim",
                "POST /api/agent/conversations/{id}/reply", "POST /api/agent/conversations/{id}/transfer",
                "POST /api/agent/conversations/{id}/resolve", "POST /api/agent/conversations/{id}/return-to-bot",
                "GET /api/agent/conversations/{id}/viewers", "GET /api/agent/conversations/{id}/saved-replies/{replyId}",
                "GET /api/agent/conversations/{id}/suggested-articles", "GET /api/agent/agents", "GET /api/agent/teams",
                "GET /api/agent/teams/{id}", "POST /api/agent/conversations/{conversationId}/note", "GET /api/tickets",
                "GET /api/tickets/{idOrNumber}", "PATCH /api/tickets/{idOrNumber}", "GET /api/tickets/{idOrNumber}/timeline",
                "GET /api/tickets/{idOrNumber}/notes", "POST /api/tickets/{idOrNumber}/notes", "GET /api/insights/metrics",
                "GET /api/insights/metrics/series", "GET /api/insights/metrics/series.csv", "GET /api/insights/nps", "GET /api/insights/nps/detractors",
                "POST /api/insights/nps/responses/{responseId}/follow-up", "GET /api/insights/customers/at-risk",
                "GET /api/insights/customers/{customerId}/health", "GET /api/insights/accounts",
                "GET /api/insights/accounts/at-risk", "GET /api/insights/accounts/{account}/health");
        rest(Rule.ADMIN, "GET /api/agent/staff", "GET /api/agent/staff/{id}", "POST /api/agent/staff",
                "PUT /api/agent/staff/{id}", "PUT /api/agent/staff/{id}/capacity", "POST /api/agent/teams",
                "PUT /api/agent/teams/{id}", "DELETE /api/agent/teams/{id}", "POST /api/insights/webhooks",
                "GET /api/insights/webhooks", "GET /api/insights/webhooks/{id}", "PUT /api/insights/webhooks/{id}",
                "DELETE /api/insights/webhooks/{id}", "GET /api/insights/webhooks/{id}/deliveries",
                "POST /api/insights/webhooks/{id}/deliveries/{deliveryId}/retry", "POST /api/insights/webhooks/{id}/test",
                "GET /api/agent/identity-verification", "PUT /api/agent/identity-verification",
                "POST /api/agent/identity-verification/check",
                "GET /api/assistant/sensitive-topics", "PUT /api/assistant/sensitive-topics",
                "DELETE /api/assistant/sensitive-topics", "POST /api/assistant/sensitive-topics/check", "GET /api/agent/api-keys",
                "GET /api/agent/api-keys/{id}", "POST /api/agent/api-keys", "DELETE /api/agent/api-keys/{id}",
                "GET /api/privacy/customers", "GET /api/privacy/customers/{id}/export", "DELETE /api/privacy/customers/{id}");
    }

    /** Routes whose allowed call would change shared state (sign the caller out, import the server's files). */
    static final Set<String> ONLY_DENIALS_CALLED = Set.of("POST /api/auth/logout", "POST /api/articles/import",
            "PUT /api/agent/identity-verification");

    /** STOMP SEND destinations (under /app) and who may send them. */
    static final Map<String, Rule> STOMP = Map.of("/conversations/{id}/messages", Rule.CUSTOMER,
            "/conversations/{id}/typing", Rule.PARTY, "/conversations/{id}/read", Rule.PARTY,
            "/conversations/{id}/note", Rule.AGENT, "/conversations/{id}/claim", Rule.AGENT,
            "/conversations/{id}/reply", Rule.AGENT, "/conversations/{id}/transfer", Rule.AGENT,
            "/conversations/{id}/resolve", Rule.AGENT, "/conversations/{id}/return-to-bot", Rule.AGENT,
            "/conversations/{id}/view", Rule.AGENT);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    @Autowired
    SimpAnnotationMethodMessageHandler stomp;

    Map<Caller, String> tokens;
    Customer customer;
    Customer otherCustomer;

    @BeforeEach
    void callers() {
        customer = customer();
        otherCustomer = customer();
        Staff deactivated = staff("AGENT");
        api.put("/api/agent/staff/" + deactivated.id(), admin, Map.of("active", false));
        tokens = new java.util.EnumMap<>(Caller.class);
        tokens.put(Caller.CUSTOMER, customer.token());
        tokens.put(Caller.OTHER_CUSTOMER, otherCustomer.token());
        tokens.put(Caller.AGENT, staff("AGENT").token());
        tokens.put(Caller.OTHER_AGENT, staff("AGENT").token());
        tokens.put(Caller.WRITER, staff("WRITER").token());
        tokens.put(Caller.ADMIN, staff("ADMIN").token());
        tokens.put(Caller.DEACTIVATED_STAFF, deactivated.token());
    }

    @Test
    void everyRestRouteHasARuleAndEveryRuleARoute() {
        Set<String> routes = routes();

        assertThat(new TreeSet<>(routes)).as("routes without a rule: add one to REST (and docs/SECURITY.md)")
                .isSubsetOf(REST.keySet());
        assertThat(new TreeSet<>(REST.keySet())).as("rules for routes that no longer exist").isSubsetOf(routes);
    }

    @Test
    void everyCallerGetsExactlyWhatItsRuleAllows() {
        List<String> wrong = new ArrayList<>();
        for (String route : routes()) {
            Rule rule = REST.get(route);
            if (rule == null) {
                continue; // reported by the test above
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            for (Caller caller : Caller.values()) {
                boolean allowed = allowed(rule, caller);
                if (allowed && ONLY_DENIALS_CALLED.contains(route)) {
                    continue;
                }
                int status = call(method.equals("ANY") ? "GET" : method, path, tokens.get(caller));
                boolean refused = status == 401 || status == 403;
                if (allowed == refused || !allowed && status != expectedRefusal(caller)) {
                    wrong.add(route + " as " + caller + ": " + status + (allowed ? " (should be allowed)" : " (should be refused)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aCustomerNeverReachesAnotherCustomersConversation() {
        String theirs = "/api/widget/conversations/" + customer.conversation();
        for (String path : List.of(theirs, theirs + "/messages")) {
            int status = api.get(path, otherCustomer.token()).status();
            assertThat(status).as(path).isIn(403, 404);
        }
        for (String path : List.of(theirs + "/messages", theirs + "/read", theirs + "/rating", theirs + "/contact")) {
            int status = api.post(path, otherCustomer.token(), Map.of("clientMessageId", "x", "text", "hi", "score", 5,
                    "email", "x@example.com")).status();
            // a body refused before the ownership check (400) reveals nothing either; it must never succeed
            assertThat(status).as(path).isIn(400, 403, 404);
        }
        assertThat(api.get(theirs, customer.token()).status()).isEqualTo(200);
    }

    @Test
    void everyStompDestinationHasARule() {
        Set<String> destinations = new TreeSet<>();
        stomp.getHandlerMethods().keySet().forEach(mapping -> destinations.addAll(mapping.getDestinationConditions().getPatterns()));

        assertThat(destinations).as("@MessageMapping destinations without a rule").isSubsetOf(STOMP.keySet());
        assertThat(STOMP.keySet()).as("rules for destinations that no longer exist").isSubsetOf(destinations);
    }

    @Test
    void everyStompSendIsRefusedToCallersItsRuleExcludes() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Rule> destination : STOMP.entrySet()) {
            String send = "/app" + destination.getKey().replace("{id}", customer.conversation());
            for (Caller caller : EnumSet.of(Caller.OTHER_CUSTOMER, Caller.WRITER, Caller.CUSTOMER, Caller.AGENT)) {
                if (allowed(destination.getValue(), caller) && caller != Caller.OTHER_CUSTOMER) {
                    continue;
                }
                StompTestClient client = connect(tokens.get(caller));
                client.send(send, Map.of("clientMessageId", "m-" + UUID.randomUUID(), "text", "hello"));
                Object code = client.awaitError().get("codeHeader");
                if (!List.of("conversation_forbidden", "command_forbidden").contains(code)) {
                    wrong.add(send + " as " + caller + ": " + code);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everySubscriptionIsRefusedToCallersItsRuleExcludes() {
        String conversation = customer.conversation();
        Map<String, List<Caller>> refused = Map.of(
                "/topic/conversations/" + conversation, List.of(Caller.OTHER_CUSTOMER, Caller.WRITER),
                "/topic/staff/conversations/" + conversation, List.of(Caller.CUSTOMER, Caller.WRITER),
                "/user/queue/inbox", List.of(Caller.CUSTOMER, Caller.WRITER),
                "/topic/staff/conversations/*", List.of(Caller.WRITER, Caller.AGENT, Caller.ADMIN),
                "/topic/conversations/**", List.of(Caller.CUSTOMER, Caller.AGENT),
                "/topic/anything-else", List.of(Caller.CUSTOMER, Caller.AGENT, Caller.ADMIN));
        List<String> wrong = new ArrayList<>();
        refused.forEach((destination, callers) -> {
            for (Caller caller : callers) {
                StompTestClient client = connect(tokens.get(caller));
                client.subscribe(destination);
                Object code = client.awaitError().get("codeHeader");
                if (!List.of("conversation_forbidden", "destination_forbidden", "destination_invalid").contains(code)) {
                    wrong.add(destination + " as " + caller + ": " + code);
                }
            }
        });
        assertThat(wrong).isEmpty();
        for (Caller caller : EnumSet.of(Caller.ANONYMOUS, Caller.DEACTIVATED_STAFF)) {
            StompTestClient client = connect(tokens.get(caller));
            assertThat(client.awaitError().get("codeHeader")).as(caller.name()).isEqualTo("unauthorized");
            assertThat(client.connected()).isFalse();
        }
    }

    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                }
                methods.forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    private static void rest(Rule rule, String... routes) {
        for (String route : routes) {
            REST.put(route, rule);
        }
    }

    private static boolean allowed(Rule rule, Caller caller) {
        return switch (rule) {
            case PUBLIC -> true;
            case CUSTOMER -> caller == Caller.CUSTOMER || caller == Caller.OTHER_CUSTOMER;
            case STAFF -> EnumSet.of(Caller.AGENT, Caller.OTHER_AGENT, Caller.WRITER, Caller.ADMIN).contains(caller);
            case AGENT -> EnumSet.of(Caller.AGENT, Caller.OTHER_AGENT, Caller.ADMIN).contains(caller);
            case WRITER -> EnumSet.of(Caller.WRITER, Caller.ADMIN).contains(caller);
            case ADMIN -> caller == Caller.ADMIN;
            case PARTY -> allowed(Rule.CUSTOMER, caller) || allowed(Rule.AGENT, caller);
        };
    }

    /** No token, or a token that no longer holds: 401. A valid token of the wrong kind or role: 403. */
    private static int expectedRefusal(Caller caller) {
        return caller == Caller.ANONYMOUS || caller == Caller.DEACTIVATED_STAFF ? 401 : 403;
    }

    private static String concrete(String pattern) {
        return pattern.replace("{locale}", "en").replace("{slug}", "no-such-article").replace("{revision}", "1")
                .replace("{account}", "no-such-company").replace("{idOrNumber}", "999999")
                .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    private int call(String method, String path, String token) {
        Map<String, Object> body = Map.of();
        Api.Response response = switch (method) {
            case "GET" -> api.get(path, token);
            case "POST" -> api.post(path, token, body);
            case "PUT" -> api.put(path, token, body);
            case "PATCH" -> api.patch(path, token, body);
            case "DELETE" -> api.delete(path, token);
            default -> throw new IllegalArgumentException(method);
        };
        return response.status();
    }
}
