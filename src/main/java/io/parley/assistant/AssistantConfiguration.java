package io.parley.assistant;

import java.util.concurrent.Executor;

import io.parley.assistant.decision.BotDecision;
import io.parley.assistant.decision.ConfidencePolicy;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.assistant.llm.LlmAnswerWriter;
import io.parley.knowledge.KnowledgeSearch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

    @Bean
    BotDecision botDecision(AssistantProperties properties) {
        ConfidencePolicy fixed = new ConfidencePolicy(properties.decision());
        return new BotDecision(new IntentDetector(), new SensitiveTopics(properties.sensitiveTopics()), () -> fixed);
    }

    @Bean
    ReplyPlanner replyPlanner(BotDecision decision, KnowledgeSearch search, ObjectProvider<LlmAnswerWriter> llmWriter) {
        return new ReplyPlanner(new IntentDetector(), decision, search, llmWriter.getIfAvailable());
    }

    /** The bot's own threads: a slow search or model call never holds up the thread that stored the message. */
    @Bean
    Executor botExecutor(AssistantProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.threads());
        executor.setMaxPoolSize(properties.threads());
        executor.setQueueCapacity(10_000);
        executor.setThreadNamePrefix("bot-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
        return executor;
    }
}
