package io.parley.assistant;

import io.parley.assistant.decision.ConfidencePolicy;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.assistant.llm.LlmAnswerWriter;
import io.parley.knowledge.KnowledgeSearch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

    @Bean
    ReplyPlanner replyPlanner(AssistantProperties properties, KnowledgeSearch search,
            ObjectProvider<LlmAnswerWriter> llmWriter) {
        return new ReplyPlanner(new IntentDetector(), new SensitiveTopics(properties.sensitiveTopics()), search,
                new ConfidencePolicy(properties.decision()), llmWriter.getIfAvailable());
    }

    /**
     * The bot's own threads, fed fairly per customer: a slow search or model call never holds up the thread that
     * stored the message, and one customer's flood never starves the others.
     */
    @Bean
    FairBotQueue botQueue(AssistantProperties properties) {
        return new FairBotQueue(10_000, 5, properties.threads(), "bot-");
    }
}
