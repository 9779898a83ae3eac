package io.parley.security;

import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #15 item 9: lists a client can grow without limit are bounded (the newest entries are kept). */
@ParleyIntegrationTest
class BoundedListsIntegrationTests extends SecurityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomersThreadsAreListedNewestFirstAtMostAHundred() {
        String token = api.session(Map.of()).get("token").asString();
        UUID customer = jdbc.sql("select customer_id from conversation where id = ?::uuid")
                .param(api.startConversation(token, "first").get("id").asString()).query(UUID.class).single();
        // 120 more, as many REST calls would make them, each a little later than the one before
        jdbc.sql("""
                insert into conversation (id, customer_id, subject, locale, last_seq, customer_read_seq, agent_read_seq,
                                          created_at, last_message_at, state)
                select gen_random_uuid(), ?, 'thread ' || n, 'en', 0, 0, 0, now() + n * interval '1 second',
                       now() + n * interval '1 second', state
                from generate_series(1, 120) n, (select state from conversation where customer_id = ? limit 1) r""")
                .params(customer, customer).update();

        JsonNode threads = api.get("/api/widget/conversations", token).json();

        assertThat(threads).hasSize(100);
        assertThat(threads.get(0).get("subject").asString()).isEqualTo("thread 120");
    }

    @Test
    void aTicketsTimelineAndNotesListTheNewestFiveHundred() {
        Staff agent = staff("AGENT");
        Customer customer = customer();
        UUID customerId = jdbc.sql("select customer_id from conversation where id = ?::uuid").param(customer.conversation())
                .query(UUID.class).single();
        UUID ticket = UUID.randomUUID();
        jdbc.sql("insert into ticket (id, conversation_id, customer_id, subject, status, priority, created_at, updated_at) "
                + "values (?, ?::uuid, ?, 'Long history', 'open', 'normal', now(), now())").params(ticket, customer.conversation(), customerId).update();
        jdbc.sql("insert into ticket_event (ticket_id, type, data, at) select ?, 'updated', jsonb_build_object('number', n), now() "
                + "from generate_series(1, 520) n").param(ticket).update();
        jdbc.sql("insert into ticket_note (id, ticket_id, author_id, author_name, text, created_at) "
                + "select gen_random_uuid(), ?, ?::uuid, 'Agent', 'note ' || n, now() + n * interval '1 second' "
                + "from generate_series(1, 510) n").params(ticket, agent.id()).update();

        JsonNode timeline = api.get("/api/tickets/" + ticket + "/timeline", agent.token()).json();
        JsonNode notes = api.get("/api/tickets/" + ticket + "/notes", agent.token()).json();

        assertThat(timeline).hasSize(500);
        assertThat(timeline.get(499).get("data").get("number").asInt()).as("oldest first, ending with the newest").isEqualTo(520);
        assertThat(timeline.get(0).get("data").get("number").asInt()).isEqualTo(21);
        assertThat(notes).hasSize(500);
        assertThat(notes.get(499).get("text").asString()).isEqualTo("note 510");
    }
}
