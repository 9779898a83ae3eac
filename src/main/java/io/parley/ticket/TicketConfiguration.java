package io.parley.ticket;

import java.util.concurrent.Executor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class TicketConfiguration {

    /** LLM summaries run off the handoff's thread; one at a time is plenty and bounds the load on the model. */
    @Bean
    Executor ticketExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("ticket-summary-");
        executor.initialize();
        return executor;
    }
}
