package io.parley.chat;

import java.lang.reflect.Method;

import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRedactionTests {

    @Test
    void staffIdsAndTheBotsScoresGoNamesTextsAndLinksStay() throws Exception {
        JsonNode event = Api.JSON.readTree("""
                {"type": "message", "message": {"seq": 4, "text": "On it", "author": {"type": "agent", "id": "5f0c-agent", "name": "Dana"},
                 "payload": {"kind": "answer", "decision": {"action": "answer", "confidence": 0.91},
                   "sources": [{"title": "Reset", "url": "/help/en/reset", "score": 12.5, "bm25Rank": 1, "vectorRank": 2,
                                "cosine": 0.8, "queryTermCoverage": 1.0}], "unhelpfulStreak": 0}},
                 "agentId": "5f0c-agent", "customer": {"type": "customer", "id": "own-id"}}""");

        assertThat(redact(event)).isTrue();

        String json = event.toString();
        assertThat(json).doesNotContain("5f0c-agent", "confidence", "decision", "score", "bm25Rank", "vectorRank", "cosine",
                "queryTermCoverage", "unhelpfulStreak");
        assertThat(event.at("/message/author/name").asString()).isEqualTo("Dana");
        assertThat(event.at("/message/payload/sources/0/title").asString()).isEqualTo("Reset");
        assertThat(event.at("/message/payload/sources/0/url").asString()).isEqualTo("/help/en/reset");
        assertThat(event.at("/customer/id").asString()).as("the customer's own id stays").isEqualTo("own-id");
        assertThat(redact(event)).as("nothing left to remove").isFalse();
    }

    private static boolean redact(JsonNode node) throws Exception {
        Method redact = Class.forName("io.parley.chat.web.CustomerRedaction").getDeclaredMethod("redact", JsonNode.class);
        redact.setAccessible(true);
        return (boolean) redact.invoke(null, node);
    }
}
