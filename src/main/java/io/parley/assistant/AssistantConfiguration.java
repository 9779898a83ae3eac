package io.parley.assistant;

import java.util.concurrent.Executor;

import io.parley.assistant.calibration.AnswerLabels;
import io.parley.assistant.calibration.PriorModel;
import io.parley.assistant.calibration.SelfCalibration;
import io.parley.assistant.decision.BotDecision;
import io.parley.assistant.decision.ConfidencePolicy;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopicStore;
import io.parley.assistant.llm.LlmAnswerWriter;
import io.parley.knowledge.Articles;
import io.parley.knowledge.KnowledgeSearch;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

    /** The knowledge base's own calibration of the decision, refitted in the background when articles change. */
    @Bean(destroyMethod = "close")
    SelfCalibration selfCalibration(AssistantProperties properties, Articles articles, KnowledgeSearch search,
            JdbcTemplate jdbc, IndexOptions index, java.time.Clock clock, AnswerLabels labels,
            ObjectProvider<io.parley.assistant.calibration.ProbeWriter> probeWriter) {
        SelfCalibration calibration = new SelfCalibration(PriorModel.shipped(), articles, search, jdbc, index.embedding().modelId(),
                properties.targetPrecision(), properties.calibration().maxProbes(), properties.calibration().debounce(), clock,
                language -> labels.recent(language, SelfCalibration.MAX_LABELS));
        if (properties.calibration().enabled()) {
            // the model's probes share its call slots with customers' answers: asked for only when they are used
            calibration.useProbeWriter(probeWriter.getIfAvailable());
        }
        return calibration;
    }

    @Bean
    BotDecision botDecision(AssistantProperties properties, SelfCalibration calibration,
            SensitiveTopicStore sensitiveTopics) {
        if (!properties.calibration().enabled()) {
            ConfidencePolicy fixed = new ConfidencePolicy(properties.decision());
            return new BotDecision(new IntentDetector(), sensitiveTopics::current, () -> fixed);
        }
        return new BotDecision(new IntentDetector(), sensitiveTopics::current, calibration::policy);
    }

    @Bean
    ReplyPlanner replyPlanner(BotDecision decision, KnowledgeSearch search, ObjectProvider<LlmAnswerWriter> llmWriter) {
        return new ReplyPlanner(new IntentDetector(), decision, search, llmWriter.getIfAvailable());
    }

    /**
     * The bot's own threads, fed fairly per customer: a slow search or model call never holds up the thread that
     * stored the message, and one customer's flood never starves the others.
     */
    @Bean
    FairBotQueue botQueue(AssistantProperties properties) {
        return new FairBotQueue(10_000, 5, properties.threads(), "bot-");
    }

    /**
     * The threads the durable bot listener runs on: each waits for its answer from the fair queue (so the event
     * publication completes only once the reply is stored) and does no work itself, so there are many of them.
     */
    @Bean
    Executor botExecutor(AssistantProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int waiting = Math.max(32, properties.threads() * 16);
        executor.setCorePoolSize(waiting);
        executor.setMaxPoolSize(waiting);
        executor.setQueueCapacity(10_000);
        executor.setThreadNamePrefix("bot-listener-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
        return executor;
    }
}
