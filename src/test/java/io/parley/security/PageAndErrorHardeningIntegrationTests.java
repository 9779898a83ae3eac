package io.parley.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #15 items 8 and 9: strict pages, deny by default, a stable code on every 400, bounded paging. */
@ParleyIntegrationTest
class PageAndErrorHardeningIntegrationTests extends SecurityTestSupport {

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void staffPagesHaveAStrictPolicyAndMayNotBeFramed() {
        for (String page : List.of("/console/", "/writer/")) {
            Api.Response response = api.get(page, null);
            assertThat(response.status()).as(page).isEqualTo(200);
            String csp = response.header("Content-Security-Policy");
            assertThat(csp).as(page).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'").doesNotContain("unsafe-eval");
            assertThat(scriptSources(csp)).doesNotContain("'unsafe-inline'");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
        }
    }

    @Test
    void publicPagesAndTheWidgetsFilesHaveAPolicyToo() {
        for (String page : List.of("/", "/help/en", "/help/en/resetting-your-password", "/widget/parley.js")) {
            Api.Response response = api.get(page, null);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(scriptSources(response.header("Content-Security-Policy"))).as(page).isEqualTo("'self'");
            assertThat(response.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(page).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    /** The policy forbids inline script, so no page may depend on one. */
    @Test
    void noPageHasInlineScriptOrInlineEventHandlers() throws IOException {
        for (String file : List.of("static/index.html", "static/console/index.html", "static/writer/index.html", "static/admin/index.html")) {
            String html = new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8);
            Matcher script = SCRIPT_TAG.matcher(html);
            while (script.find()) {
                assertThat(script.group(1)).as(file + ": " + script.group()).contains("src=");
            }
            assertThat(INLINE_HANDLER.matcher(html).find()).as(file + " has an inline event handler").isFalse();
        }
    }

    @Test
    void pathsWithoutARuleAreRefusedNotServed() {
        for (String path : List.of("/actuator/env", "/actuator/beans", "/internal/anything", "/application.yml")) {
            Api.Response anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(api.get(path, admin).status()).as(path + " even for an admin").isEqualTo(403);
        }
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void everyBadRequestCarriesAStableCode() {
        Staff agent = staff("AGENT");
        Api.Response malformedJson = api.post("/api/auth/login", null, "{\"email\": ");
        Api.Response wrongType = api.get("/api/tickets?page=abc", agent.token());
        Api.Response tooLargeForInt = api.get("/api/tickets?page=99999999999", agent.token());

        assertThat(malformedJson.status()).isEqualTo(400);
        assertThat(malformedJson.json().get("code").asString()).isEqualTo("malformed_body");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("code").asString()).isEqualTo("invalid_parameter");
        assertThat(tooLargeForInt.json().get("code").asString()).isEqualTo("invalid_parameter");
    }

    @Test
    void aTicketPageWhoseOffsetWouldOverflowIsA400NotA500() {
        Staff agent = staff("AGENT");

        Api.Response overflow = api.get("/api/tickets?page=2147483647&size=100", agent.token());

        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(overflow.json().get("fields").has("page")).isTrue();
        assertThat(api.get("/api/tickets?page=0", agent.token()).status()).isEqualTo(200);
    }

    private static String scriptSources(String csp) {
        for (String directive : csp.split(";")) {
            String d = directive.trim();
            if (d.startsWith("script-src ")) {
                return d.substring("script-src ".length()).trim();
            }
        }
        throw new AssertionError("no script-src in " + csp);
    }
}
