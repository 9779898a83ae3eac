package io.parley.mail;

import java.time.Duration;
import java.util.regex.Pattern;

import io.parley.ParleyIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with mail switched on against one GreenMail SMTP server per test JVM. The mail test classes share
 * this one configuration, so they share one Spring context too.
 */
@ParleyIntegrationTest
abstract class MailTestContext {

    static final Mailbox MAILBOX = Mailbox.shared();
    static final String TEAM = "team@parley.test";
    static final String SECRET = "inbound-secret-for-tests";
    static final Duration REPLY_DELAY = Duration.ofSeconds(4);
    static final Pattern REPLY_ADDRESS = Pattern.compile("reply\\+[0-9a-f]{32}@in\\.parley\\.test");
    static final Pattern LINK = Pattern.compile("https://shop\\.example/support\\?(parley-conversation=([0-9a-f-]{36})&parley-link=(\\S+))");

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", MAILBOX::port);
        registry.add("parley.mail.from", () -> "Parley Support <support@parley.test>");
        registry.add("parley.mail.team-inbox", () -> TEAM);
        registry.add("parley.mail.widget-url", () -> "https://shop.example/support");
        registry.add("parley.mail.reply-delay", REPLY_DELAY::toString);
        registry.add("parley.mail.send-interval", () -> "200ms");
        registry.add("parley.mail.reply-domain", () -> "in.parley.test");
        registry.add("parley.mail.inbound-secret", () -> SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;
}
