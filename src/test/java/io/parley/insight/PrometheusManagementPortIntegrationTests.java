package io.parley.insight;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With a separate management port, Prometheus scrapes there without a token; the application port has no actuator. */
@ParleyIntegrationTest
@TestPropertySource(properties = { "management.server.port=0", "parley.assistant.enabled=false" })
class PrometheusManagementPortIntegrationTests {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void openOnTheManagementPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        Api.Response scrape = new Api(managementPort).get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("parley_insight_webhook_pending");
        Api app = new Api(port);
        assertThat(app.get("/actuator/prometheus", null).status()).isIn(401, 404);
        String admin = app.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        assertThat(app.get("/actuator/prometheus", admin).status()).isEqualTo(404);
    }
}
