package io.parley.assistant.llm;

import io.parley.assistant.AssistantProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans the pipeline gets for which settings (no server is called). */
class LlmConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AssistantProperties.class)
    static class Properties {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, LlmConfiguration.class);

    @Test
    void withoutABaseUrlThereIsNoWriterAndTheSummarizerIsOff() {
        context.run(app -> {
            assertThat(app).hasNotFailed().doesNotHaveBean(LlmAnswerWriter.class).doesNotHaveBean(LlmClient.class);
            assertThat(app.getBean(ConversationSummarizer.class).enabled()).isFalse();
            AssistantProperties properties = app.getBean(AssistantProperties.class);
            assertThat(properties.botName()).isEqualTo("Parley");
            assertThat(properties.llm().enabled()).isFalse();
            assertThat(properties.llm().timeout()).hasSeconds(8);
            assertThat(properties.llm().maxTokens()).isEqualTo(400);
            assertThat(properties.llm().maxSources()).isEqualTo(4);
            assertThat(properties.llm().temperature()).isEqualTo(0.0);
        });
    }

    @Test
    void anEmptyBaseUrlMeansOff() {
        context.withPropertyValues("parley.assistant.llm.base-url=", "parley.assistant.llm.provider=ollama")
                .run(app -> {
                    assertThat(app).hasNotFailed().doesNotHaveBean(LlmAnswerWriter.class);
                    assertThat(app.getBean(ConversationSummarizer.class).enabled()).isFalse();
                });
    }

    @Test
    void aBaseUrlEnablesTheWriterAndTheSummarizer() {
        context.withPropertyValues("parley.assistant.bot-name=Tasky",
                        "parley.assistant.llm.base-url=http://localhost:11434/v1",
                        "parley.assistant.llm.provider=ollama", "parley.assistant.llm.model=llama3.1:8b",
                        "parley.assistant.llm.timeout=5s", "parley.assistant.llm.max-sources=3")
                .run(app -> {
                    assertThat(app).hasNotFailed().hasSingleBean(LlmAnswerWriter.class)
                            .hasBean("llmAnswerWriter").hasBean("conversationSummarizer");
                    assertThat(app.getBean(ConversationSummarizer.class).enabled()).isTrue();
                    AssistantProperties.Llm llm = app.getBean(AssistantProperties.class).llm();
                    assertThat(llm.timeout()).hasSeconds(5);
                    assertThat(llm.maxSources()).isEqualTo(3);
                    assertThat(app.getBean(AssistantProperties.class).botName()).isEqualTo("Tasky");
                });
    }

    @Test
    void anUnknownProviderStopsTheStartWithTheReason() {
        context.withPropertyValues("parley.assistant.llm.base-url=http://localhost:1/v1",
                        "parley.assistant.llm.provider=gemini")
                .run(app -> assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("openai or ollama"));
    }
}
