package io.parley.insight.webhook;

import java.net.InetAddress;
import java.net.URI;

import io.parley.insight.InsightException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue #15 item 6: no webhooks to internal addresses (SSRF), and Standard Webhooks signatures. */
class WebhookTargetsAndSignatureTests {

    @Test
    void internalAddressesAreRefused() throws Exception {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1" }) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] { "93.184.216.34", "8.8.8.8", "2606:4700:4700::1111" }) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void aLoopbackUrlIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> new WebhookTargets(false).check(URI.create("http://127.0.0.1:8080/hook")))
                .isInstanceOfSatisfying(InsightException.class, e -> assertThat(e.code()).isEqualTo("webhook_target_forbidden"));
        assertThatThrownBy(() -> new WebhookTargets(false).check(URI.create("http://[::1]/hook")))
                .isInstanceOf(InsightException.class);
        assertThatThrownBy(() -> new WebhookTargets(false).check(URI.create("http://localhost/hook")))
                .isInstanceOf(InsightException.class);
        new WebhookTargets(true).check(URI.create("http://127.0.0.1:8080/hook"));
    }

    /** The example of the Standard Webhooks specification, so its receivers' libraries accept what we send. */
    @Test
    void theStandardWebhooksSignatureMatchesTheSpecificationsExample() {
        String signature = WebhookSignature.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretInAnotherFormSignsWithItsBytes() {
        assertThat(WebhookSignature.standardKey("my-own-secret-of-some-length")).isEqualTo("my-own-secret-of-some-length".getBytes());
    }
}
