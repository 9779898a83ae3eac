package io.parley.assistant.llm;

import io.parley.assistant.AssistantProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The optional language model ({@code parley.assistant.llm.*}). With a base URL: an {@link LlmAnswerWriter} bean
 * and a working {@link ConversationSummarizer}; without: no writer and a summarizer that returns empty.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(LlmConfigured.class)
    LlmClient llmClient(AssistantProperties properties) {
        return LlmClient.create(properties.llm());
    }

    @Bean
    @Conditional(LlmConfigured.class)
    LlmAnswerWriter llmAnswerWriter(LlmClient llmClient, AssistantProperties properties) {
        return new LlmAnswerWriter(llmClient, properties.botName(), properties.llm().maxSources());
    }

    /** Probes for self-calibration written the way customers ask. */
    @Bean
    @Conditional(LlmConfigured.class)
    io.parley.assistant.calibration.ProbeWriter llmProbeWriter(LlmClient llmClient) {
        return new LlmProbeWriter(llmClient);
    }

    @Bean
    ConversationSummarizer conversationSummarizer(ObjectProvider<LlmClient> llmClient, AssistantProperties properties) {
        return new ConversationSummarizer(llmClient.getIfAvailable(), properties.botName());
    }

    /**
     * A base URL that is set and not blank. {@code @ConditionalOnProperty} would also match the empty value that
     * {@code base-url: ${PARLEY_LLM_BASE_URL:}} yields, which is meant as "off".
     */
    static final class LlmConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("parley.assistant.llm.base-url", String.class)
                    .map(StringUtils::hasText).orElse(false);
        }
    }
}
