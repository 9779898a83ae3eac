package io.parley.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.insight.InsightIntegrationTest;
import io.parley.support.Api;
import io.parley.widget.Browser;
import io.parley.widget.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin pages at {@code /admin} in a real headless Chromium: an admin signs in, reads the insights dashboard
 * (charts over two weeks of facts), invites and deactivates a teammate, sets up a team with hours and a holiday,
 * adds a saved reply and a sensitive topic, adds a webhook endpoint and sends it a test, and generates the
 * identity snippet. Each change is checked through the API too; screenshots go to target/screenshots/. The insight
 * test context (bot off, fast webhook polling, local receivers allowed) is the one the other insight tests share.
 */
@BrowserTest
@InsightIntegrationTest
class AdminBrowserIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String admin;
    Browser browser;
    HttpServer receiver;
    final List<UUID> seeded = new ArrayList<>();
    final List<Runnable> cleanUp = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
        receiver.stop(0);
        cleanUp.forEach(Runnable::run);
        // the facts belong to this test alone: other tests count conversations of recent periods
        for (String table : List.of("insight_message", "insight_handoff", "insight_rating", "insight_conversation")) {
            seeded.forEach(id -> jdbc.sql("delete from " + table + " where conversation_id = ?").param(id).update());
        }
    }

    @Test
    void anAdminWorksThroughEverySection() {
        seedTwoWeeks();
        browser = Browser.start("admin-1");
        browser.resize(1440, 1100);
        browser.visit(url("/admin"));
        type("#login-email", ParleyIntegrationTest.ADMIN_EMAIL);
        type("#login-password", ParleyIntegrationTest.ADMIN_PASSWORD);
        el("#login-submit").click();

        // insights: tiles, four charts drawn by uPlot, reasons, at-risk customers
        browser.waitFor(d -> el("#t-conversations b").getText().matches("\\d+") && Integer.parseInt(el("#t-conversations b").getText()) >= 40);
        browser.waitFor(d -> d.findElements(By.cssSelector(".plot canvas")).size() == 4);
        assertThat(el("#chart-conversations").getAttribute("data-points")).isEqualTo("30");
        assertThat(Integer.parseInt(el("#chart-conversations").getAttribute("data-total"))).isGreaterThanOrEqualTo(40);
        assertThat(el("#handoff-reasons").getText()).contains("billing dispute");
        assertThat(el("#t-bot b").getText()).endsWith("%");
        browser.screenshot("insights");
        select("#f-period", "7");
        select("#f-bucket", "week");
        browser.waitFor(d -> d.getCurrentUrl().contains("period=7") && d.getCurrentUrl().contains("bucket=week"));
        browser.waitFor(d -> Integer.parseInt(el("#chart-conversations").getAttribute("data-points")) <= 2);
        el("#export-csv").click();
        browser.waitFor(d -> el("#toasts").getText().contains("CSV"));

        // staff: invite (the one-time password works), then deactivate (it no longer does)
        browser.visit(url("/admin#/staff"));
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@parley.test";
        type("#f-email", email);
        type("#f-name", "Ada Agent");
        el("#invite").click();
        String password = el("#initial-password").getText();
        assertThat(password).hasSize(18);
        assertThat(api.post("/api/auth/login", null, Map.of("email", email, "password", password)).status()).isEqualTo(200);
        browser.waitFor(d -> !d.findElements(By.cssSelector("tr[data-email='" + email + "']")).isEmpty());
        browser.screenshot("staff");
        el("tr[data-email='" + email + "'] [data-action=toggle-active]").click();
        el("dialog [data-action=confirm]").click();
        browser.waitFor(d -> el("tr[data-email='" + email + "'] .status").getText().equals("deactivated"));
        assertThat(api.post("/api/auth/login", null, Map.of("email", email, "password", password)).status()).isIn(401, 403);

        // teams: hours on weekdays, a holiday, one member
        browser.visit(url("/admin#/teams"));
        el("#new-team").click();
        type("#f-team-name", "Billing desk");
        type("#f-team-tags", "billing_dispute");
        el("#f-team-zone").clear();
        type("#f-team-zone", "Europe/Berlin");
        el("#f-always-open").click();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            type("#f-hours-" + day, "09:00-12:00, 13:00-17:30");
        }
        type("#f-holidays", "2026-12-25\n2026-12-26");
        browser.screenshot("team-editor");
        el("#save-team").click();
        browser.waitFor(d -> !d.findElements(By.cssSelector("tr[data-team='Billing desk']")).isEmpty());
        JsonNode team = null;
        for (JsonNode t : api.get("/api/agent/teams", admin).json()) {
            if (t.get("name").asString().equals("Billing desk")) {
                team = t;
            }
        }
        assertThat(team).isNotNull();
        String teamId = team.get("id").asString();
        cleanUp.add(() -> api.delete("/api/agent/teams/" + teamId, admin));
        assertThat(team.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(team.get("hours").get("friday").size()).isEqualTo(2);
        assertThat(team.get("hours").get("friday").get(1).get("to").asString()).startsWith("17:30");
        assertThat(team.get("hours").get("sunday").size()).isZero();
        assertThat(team.get("holidays").toString()).contains("2026-12-25", "2026-12-26");

        // saved replies
        browser.visit(url("/admin#/saved-replies"));
        el("#new-reply").click();
        String shortcut = "refund-" + UUID.randomUUID().toString().substring(0, 6);
        type("#f-shortcut", shortcut);
        type("#f-title", "Refund policy");
        type("#f-body", "Hi {customer.name}, refunds are possible within 14 days of payment.");
        el("#save-reply").click();
        browser.waitFor(d -> !d.findElements(By.cssSelector("tr[data-shortcut='" + shortcut + "']")).isEmpty());
        for (JsonNode r : api.get("/api/agent/saved-replies?q=" + shortcut, admin).json()) {
            String replyId = r.get("id").asString();
            cleanUp.add(() -> api.delete("/api/agent/saved-replies/" + replyId, admin));
        }
        browser.screenshot("saved-replies");

        // sensitive topics: a new one applies to the bot at once
        cleanUp.add(() -> api.delete("/api/assistant/sensitive-topics", admin));
        browser.visit(url("/admin#/sensitive-topics"));
        browser.waitFor(d -> d.findElements(By.cssSelector("#topic-list .topic")).size() == 4);
        el("#add-topic").click();
        WebElement reason = browser.driver.findElement(By.cssSelector("#topic-list .topic:first-child .reason"));
        reason.sendKeys("data_deletion");
        browser.driver.findElement(By.cssSelector("#topic-list .topic:first-child .phrases")).sendKeys("delete all my data\nerase my data");
        el("#save-topics").click();
        browser.waitFor(d -> el("#topics-source").getText().contains("Saved in the admin pages"));
        type("#f-try", "Please erase my data now");
        el("#try-form button").click();
        browser.waitFor(d -> el("#try-result").getText().equals("Handed to a person: data_deletion"));
        assertThat(api.get("/api/assistant/sensitive-topics", admin).json().get("topics").size()).isEqualTo(5);
        browser.screenshot("sensitive-topics");

        // webhooks: add, the secret is shown once, "Send test" is delivered
        browser.visit(url("/admin#/webhooks"));
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        type("#f-url", hookUrl);
        el("#add-webhook").click();
        assertThat(el("#webhook-secret").getText()).startsWith("whsec_");
        for (JsonNode e : api.get("/api/insights/webhooks", admin).json()) {
            if (e.get("url").asString().equals(hookUrl)) {
                String endpointId = e.get("id").asString();
                cleanUp.add(() -> api.delete("/api/insights/webhooks/" + endpointId, admin));
            }
        }
        el("tr[data-url='" + hookUrl + "'] [data-action=test]").click();
        browser.waitFor(d -> {
            try {
                el("#refresh-log").click();
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return false; // the "test sent" toast lies over the button until it fades; try again
            }
            return !d.findElements(By.cssSelector("#delivery-table tr[data-event='webhook.test'][data-status='delivered']")).isEmpty();
        }, Duration.ofSeconds(30));
        browser.screenshot("webhooks");

        // identity verification: on, snippets per language, a hash checked
        browser.visit(url("/admin#/identity"));
        assertThat(el("#identity-status").getText()).contains("is on");
        assertThat(el("#server-snippet").getText()).contains("createHmac('sha256', process.env.PARLEY_IDENTITY_SECRET)")
                .contains(".update(String(user.id))");
        el("[data-language=Python]").click();
        browser.waitFor(d -> el("#server-snippet").getText().contains("hashlib.sha256"));
        assertThat(el("#embed-snippet").getText()).contains("data-user-hash=").contains("/widget/parley.js");
        type("#f-check-id", "user-42");
        type("#f-check-hash", SignedTokens.hmacHex(ParleyIntegrationTest.IDENTITY_SECRET, "user-42"));
        el("#check-form button[type=submit]").click();
        browser.waitFor(d -> el("#check-result").getText().startsWith("Valid"));
        assertThat(el("#jwt-status").getText()).contains("Accepted: HS256");
        browser.screenshot("identity");

        // the JWT settings: a clock skew saved here wins over the configuration; the secret field stays empty
        cleanUp.add(() -> {
            api.put("/api/agent/identity-verification", admin, Map.of("clockSkewSeconds", 60));
            jdbc.sql("delete from customer_identity_settings").update();
        });
        el("#f-clock-skew").clear();
        type("#f-clock-skew", "45");
        el("#identity-save").click();
        browser.waitFor(d -> el("#identity-sources").getText().contains("Clock skew: saved here"));
        assertThat(el("#jwt-status").getText()).contains("clock skew 45 s");
        assertThat(el("#f-hmac-secret").getAttribute("value")).isEmpty();
        JsonNode identity = api.get("/api/agent/identity-verification", admin).json();
        assertThat(identity.get("jwt").get("clockSkewSeconds").asLong()).isEqualTo(45);
        assertThat(identity.get("settings").get("hmacSecret").asString()).isEqualTo("CONFIGURATION");

        // an RS256 PEM key pasted, saved (never shown again), then removed with its checkbox
        type("#f-public-key", io.parley.customer.IdentityJwts.pem(io.parley.customer.IdentityJwts.rsaKey("admin-page")));
        el("#identity-save").click();
        browser.waitFor(d -> el("#identity-sources").getText().contains("PEM key: saved here"));
        assertThat(el("#jwt-status").getText()).contains("RS256 (the PEM public key)");
        assertThat(el("#f-public-key").getAttribute("value")).isEmpty();
        assertThat(api.get("/api/agent/identity-verification", admin).json().get("jwt").get("rs256").asBoolean()).isTrue();
        browser.screenshot("identity-settings");
        el("#f-clear-public-key").click();
        el("#identity-save").click();
        browser.waitFor(d -> el("#identity-sources").getText().contains("PEM key: not set"));
        assertThat(el("#jwt-status").getText()).doesNotContain("RS256");
        JsonNode withoutKey = api.get("/api/agent/identity-verification", admin).json();
        assertThat(withoutKey.get("settings").get("publicKey").asString()).isEqualTo("NONE");
        assertThat(withoutKey.get("jwt").get("rs256").asBoolean()).isFalse();
        assertThat(el("#f-clear-public-key").isEnabled()).as("nothing left to remove").isFalse();
    }

    @Test
    void aStaffMemberWithoutTheAdminRoleIsTurnedAway() {
        String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@parley.test";
        assertThat(api.post("/api/agent/staff", admin, Map.of("email", email, "name", "Wes Writer",
                "password", "writer-password-123", "roles", List.of("WRITER"))).status()).isEqualTo(201);
        browser = Browser.start("admin-2");
        browser.visit(url("/admin"));
        type("#login-email", email);
        type("#login-password", "writer-password-123");
        el("#login-submit").click();
        browser.waitFor(d -> el("#login-error").getText().contains("no admin role"));
        assertThat(browser.driver.findElement(By.id("topbar")).isDisplayed()).isFalse();
    }

    /** Fourteen days of conversations in English: bot answers, some handed off (two reasons), rated. */
    private void seedTwoWeeks() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int day = 0; day < 14; day++) {
            Instant base = today.minus(day, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
            int conversations = 3 + day % 4;
            for (int i = 0; i < conversations; i++) {
                Instant at = base.plus(i * 20L, ChronoUnit.MINUTES);
                if (at.isAfter(Instant.now())) {
                    at = Instant.now().minus(i + 1, ChronoUnit.MINUTES);
                }
                UUID id = UUID.randomUUID();
                seeded.add(id);
                jdbc.sql("insert into insight_conversation values (?, ?, 'en', ?)").params(id, UUID.randomUUID(), ts(at)).update();
                jdbc.sql("insert into insight_message values (?, ?, 1, 'bot', 'answer', 'a1', ?)")
                        .params(UUID.randomUUID(), id, ts(at.plusSeconds(5))).update();
                if (i % 3 == 0) {
                    jdbc.sql("insert into insight_handoff values (?, ?, ?, false, ?, ?)")
                            .params(id, ts(at.plusSeconds(60)), i % 2 == 0 ? "billing_dispute" : "customer_request",
                                    ts(at.plusSeconds(60 + 90 + day * 30)), ts(at.plusSeconds(60 + 1200 + day * 60)))
                            .update();
                    jdbc.sql("insert into insight_rating (conversation_id, at, resolved_at, customer_id, score) values (?, ?, ?, ?, ?)")
                            .params(id, ts(at.plusSeconds(1500)), ts(at.plusSeconds(1500)), UUID.randomUUID(), 3 + (day % 3))
                            .update();
                }
            }
        }
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement el(String css) {
        return browser.onPage(css);
    }

    private void type(String css, CharSequence text) {
        el(css).sendKeys(text);
    }

    private void select(String css, String value) {
        browser.js("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));", css, value);
    }
}
