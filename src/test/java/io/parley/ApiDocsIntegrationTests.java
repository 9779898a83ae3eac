package io.parley;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.support.AdminApiTestSupport;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated OpenAPI description: who may read it, and that it lists every REST handler of the application. */
@ParleyIntegrationTest
class ApiDocsIntegrationTests extends AdminApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRestHandlerMappingIsInTheDescription() {
        JsonNode docs = api.get("/v3/api-docs", admin).json();
        assertThat(docs.get("openapi").asString()).startsWith("3.");
        JsonNode paths = docs.get("paths");

        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/")) {
                    continue; // pages, forwards and springdoc's own endpoint
                }
                checked++;
                JsonNode path = paths.get(normalise(pattern));
                if (path == null) {
                    missing.add(pattern + " (" + entry.getValue().getShortLogMessage() + ")");
                    continue;
                }
                for (RequestMethod method : methods) {
                    if (path.get(method.name().toLowerCase()) == null) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(checked).as("REST handler mappings found").isGreaterThan(60);
        assertThat(missing).as("handlers missing from /v3/api-docs").isEmpty();

        // the ones added on this page's branch, and the security schemes callers need
        assertThat(paths.has("/api/agent/api-keys")).isTrue();
        assertThat(paths.has("/api/privacy/customers/{id}/export")).isTrue();
        assertThat(docs.get("components").get("securitySchemes").get("apiKey").get("name").asString()).isEqualTo("X-Api-Key");
        assertThat(docs.get("info").get("license").get("name").asString()).isEqualTo("Apache-2.0");
    }

    @Test
    void theDescriptionIsForStaffAndApiKeysTheUiPageSignsInFirst() {
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(401);
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/v3/api-docs", customer).status()).isEqualTo(403);
        String key = api.post("/api/agent/api-keys", admin, Map.of("name", "Codegen", "scopes", List.of("writer")))
                .json().get("key").asString();
        assertThat(api.get("/v3/api-docs", key).status()).isEqualTo(200);

        Api.Response page = api.get("/api-docs", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").contains("Sign in to read the API description");
        assertThat(api.get("/webjars/swagger-ui/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(api.get("/api-docs/api-docs.js", null).body()).contains("/v3/api-docs");
    }

    /** {@code /api/help/{locale}/{slug:.+}} is {@code /api/help/{locale}/{slug}} in OpenAPI. */
    private static String normalise(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}").replaceAll("\\{\\*([^}]+)}", "{$1}");
    }
}
