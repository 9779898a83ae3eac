package io.parley.assistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.parley.ParleyApplication;
import io.parley.ParleyIntegrationTest;
import io.parley.TestDatabase;
import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessagePosted;
import io.parley.chat.PostMessage;
import io.parley.support.Api;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

/**
 * The bot's reply is durable work: its {@link MessagePosted} is kept in the event publication registry until the reply
 * committed. A listener that fails (here: the planner meets an unavailable database) leaves the publication to be
 * resubmitted, a context that stops with incomplete publications has them completed by the next one, and however
 * often a question is delivered, it is answered once.
 */
class DurableBotRepliesIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aQuestionWhoseBotListenerFailsOnceIsAnsweredExactlyOnceAfterResubmission() {
        AtomicInteger failures = new AtomicInteger(1);
        ConfigurableApplicationContext context = start("durable_replies_once", failures, "parley.events.resubmit-interval=1s",
                "parley.events.resubmit-min-age=1s");
        ChatMessage question = ask(context, "How do I reset my password? I forgot it.");

        awaitTrue(() -> botReplies(context, question) == 1, "the bot's reply after the resubmission");
        awaitTrue(() -> incompletePublications(context, question) == 0, "the publication completed");
        assertThat(failures.get()).as("the first delivery failed").isLessThanOrEqualTo(0);
        assertThat(botReplies(context, question)).isEqualTo(1);

        // delivered once more (as a resubmission racing a slow first delivery would): still one answer
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        transactions.executeWithoutResult(status -> context
                .publishEvent(new MessagePosted(question.conversationId(), customerOf(context, question), question)));
        awaitTrue(() -> incompletePublications(context, question) == 0, "the second delivery completed");
        assertThat(botReplies(context, question)).isEqualTo(1);
        assertThat(messagesAfter(context, question)).hasSize(1);
    }

    @Test
    void anIncompletePublicationLeftByAStoppedContextIsCompletedByTheNextOne() {
        // the first process cannot answer (the planner always fails) and does not resubmit: it stops with the
        // question acknowledged but unanswered, as a crash between commit and reply would leave it
        ConfigurableApplicationContext first = start("durable_replies_restart", new AtomicInteger(Integer.MAX_VALUE), "parley.events.resubmit-interval=0s");
        ChatMessage question = ask(first, "How do I reset my password? I forgot it.");
        awaitTrue(() -> failedPublications(first, question) == 1, "the failed delivery recorded");
        first.close();
        contexts.remove(first);

        ConfigurableApplicationContext second = start("durable_replies_restart", new AtomicInteger(0), "parley.events.resubmit-interval=1s",
                "parley.events.resubmit-min-age=0s");
        awaitTrue(() -> botReplies(second, question) == 1, "the reply after the restart");
        awaitTrue(() -> incompletePublications(second, question) == 0, "the publication completed");
        assertThat(messagesAfter(second, question)).hasSize(1)
                .allSatisfy(m -> assertThat(m.author().type()).isEqualTo(io.parley.chat.AuthorType.BOT));
    }

    /**
     * A context on a database of its own: in the suite's shared database, any other cached context's resubmission
     * pass would deliver these tests' publications to its own listeners (a context whose bot is switched off completes
     * them without a reply), so what is measured here would depend on which contexts happen to be alive.
     */
    private ConfigurableApplicationContext start(String database, AtomicInteger plannerFailures, String... properties) {
        // BM25 only: these contexts start more than once, and retrieval quality plays no part here
        List<String> all = new ArrayList<>(List.of("server.port=0", "parley.knowledge.embedding.model=none",
                "parley.customer.identity-secret=" + ParleyIntegrationTest.IDENTITY_SECRET,
                "parley.customer.token-secret=test-token-signing-key-0123456789",
                "parley.agent.admin-email=" + ParleyIntegrationTest.ADMIN_EMAIL,
                "parley.agent.admin-password=" + ParleyIntegrationTest.ADMIN_PASSWORD));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                .initializers(new TestDatabase.Initializer(database),
                        c -> c.getBeanFactory().addBeanPostProcessor(failingPlanner(plannerFailures)))
                // as command-line arguments: properties() would be defaults, which application.yml overrides
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    /** The planner meets an unavailable database as often as asked, then plans as usual. */
    private static BeanPostProcessor failingPlanner(AtomicInteger failures) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof ReplyPlanner planner)) {
                    return bean;
                }
                ReplyPlanner spy = Mockito.spy(planner);
                Mockito.doAnswer(invocation -> {
                    if (failures.getAndDecrement() > 0) {
                        throw new TransientDataAccessResourceException("the database is away (test)");
                    }
                    return invocation.callRealMethod();
                }).when(spy).plan(any());
                return spy;
            }
        };
    }

    private static ChatMessage ask(ConfigurableApplicationContext context, String text) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        Api api = new Api(port);
        var session = api.session(Map.of("locale", "en"));
        String conversationId = api.startConversation(session.get("token").asString(), null).get("id").asString();
        String customerId = session.get("customer").get("id").asString();
        return context.getBean(Conversations.class).post(new PostMessage(UUID.fromString(conversationId),
                Author.customer(customerId, null), text, null, "c-" + UUID.randomUUID())).message();
    }

    private static UUID customerOf(ConfigurableApplicationContext context, ChatMessage message) {
        return context.getBean(Conversations.class).get(message.conversationId()).customerId();
    }

    private static long botReplies(ConfigurableApplicationContext context, ChatMessage question) {
        return messagesAfter(context, question).stream()
                .filter(m -> m.author().type() == io.parley.chat.AuthorType.BOT)
                .filter(m -> ("bot-reply:" + question.id()).equals(m.clientMessageId())).count();
    }

    private static List<ChatMessage> messagesAfter(ConfigurableApplicationContext context, ChatMessage question) {
        return context.getBean(Conversations.class).messagesAfter(question.conversationId(), question.seq(), 100);
    }

    private static long incompletePublications(ConfigurableApplicationContext context, ChatMessage question) {
        return context.getBean(JdbcClient.class).sql("""
                select count(*) from event_publication
                where completion_date is null and listener_id like '%Bot%' and serialized_event like ?""")
                .param("%" + question.id() + "%").query(Long.class).single();
    }

    private static long failedPublications(ConfigurableApplicationContext context, ChatMessage question) {
        return context.getBean(JdbcClient.class).sql("""
                select count(*) from event_publication
                where status = 'FAILED' and listener_id like '%Bot%' and serialized_event like ?""")
                .param("%" + question.id() + "%").query(Long.class).single();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
