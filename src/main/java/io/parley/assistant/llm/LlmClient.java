package io.parley.assistant.llm;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.parley.assistant.AssistantProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat model behind a hard deadline. The bot answers a customer who is waiting, so a model call may never take
 * longer than the configured timeout (plus a small grace), whatever the server does, and never throws.
 */
final class LlmClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LlmClient.class);

    /** Lets the HTTP client's own timeout fire first (clearer reason); the outer deadline is the backstop. */
    private static final Duration GRACE = Duration.ofMillis(300);

    /** Calls waiting for a free slot beyond this are refused at once rather than queued behind a slow server. */
    private static final int MAX_WAITING = 64;

    /**
     * Background calls (calibration probes) start only once no customer's call has been in flight for this long: a
     * model server serves one request at a time on many machines, so a probe must not stand between a customer and
     * their answer.
     */
    static final Duration CUSTOMERS_QUIET = Duration.ofSeconds(2);
    /** A background call that found no quiet moment in this long is skipped (the refit goes on without it). */
    static final Duration MAX_BACKGROUND_WAIT = Duration.ofMinutes(2);

    private final ChatModel model;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;
    /** Its own slot, so background calls never take one of the customers' {@link #executor} slots. */
    private final ThreadPoolExecutor background;
    private final AtomicInteger customerCallsInFlight = new AtomicInteger();
    private volatile long lastCustomerCallEnded = System.nanoTime() - CUSTOMERS_QUIET.toNanos();

    LlmClient(ChatModel model, Duration timeout, int maxConcurrent) {
        this.model = model;
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_WAITING), daemonThreads("parley-llm-"));
        this.executor.allowCoreThreadTimeOut(true);
        this.background = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1),
                daemonThreads("parley-llm-background-"));
        this.background.allowCoreThreadTimeOut(true);
    }

    /** A client for {@code config}; refuses a configuration that could never work, so start-up fails clearly. */
    static LlmClient create(AssistantProperties.Llm config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("parley.assistant.llm.base-url is not set");
        }
        String apiKey = switch (config.provider()) {
            case "openai" -> config.apiKey();
            // Ollama serves the OpenAI API under /v1 and ignores the key, but the client sends one
            case "ollama" -> config.apiKey().isEmpty() ? "ollama" : config.apiKey();
            default -> throw new IllegalArgumentException(
                    "parley.assistant.llm.provider must be openai or ollama, not " + config.provider());
        };
        if (config.model().isEmpty()) {
            throw new IllegalArgumentException("parley.assistant.llm.model must be set for " + config.provider()
                    + " (e.g. llama3.1:8b)");
        }
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(apiKey.isEmpty() ? "none" : apiKey)
                .modelName(config.model())
                .temperature(config.temperature())
                .maxTokens(config.maxTokens())
                .timeout(config.timeout())
                .maxRetries(config.maxRetries())
                .build();
        log.info("LLM answers enabled: {} model {} at {} (timeout {})", config.provider(), config.model(),
                config.baseUrl(), config.timeout());
        return new LlmClient(model, config.timeout(), config.maxConcurrent());
    }

    /**
     * The model's reply to {@code messages}, or empty (after a WARN naming {@code purpose} and the reason) on any
     * failure, an empty reply, or no reply within the timeout.
     */
    Optional<Reply> chat(String purpose, List<ChatMessage> messages) {
        customerCallsInFlight.incrementAndGet();
        try {
            return call(executor, purpose, messages);
        } finally {
            lastCustomerCallEnded = System.nanoTime();
            customerCallsInFlight.decrementAndGet();
        }
    }

    /**
     * The same for work nobody waits for (calibration probes), at low priority: on its own single slot, started only
     * when no customer's call has been in flight for {@link #CUSTOMERS_QUIET}, and skipped (empty) when no such
     * moment comes within {@link #MAX_BACKGROUND_WAIT}. Blocks the calling (background) thread meanwhile.
     */
    Optional<Reply> chatInBackground(String purpose, List<ChatMessage> messages) {
        long deadline = System.nanoTime() + MAX_BACKGROUND_WAIT.toNanos();
        while (!customersQuiet()) {
            if (System.nanoTime() > deadline) {
                log.info("LLM {} skipped: customers kept the model busy", purpose);
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return call(background, purpose, messages);
    }

    private boolean customersQuiet() {
        return customerCallsInFlight.get() == 0 && System.nanoTime() - lastCustomerCallEnded >= CUSTOMERS_QUIET.toNanos();
    }

    private Optional<Reply> call(ThreadPoolExecutor pool, String purpose, List<ChatMessage> messages) {
        Future<ChatResponse> call;
        try {
            call = pool.submit(() -> model.chat(ChatRequest.builder().messages(messages).build()));
        } catch (RejectedExecutionException e) {
            log.warn("LLM {} skipped: too many calls waiting for the model", purpose);
            return Optional.empty();
        }
        try {
            ChatResponse response = call.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            AiMessage message = response == null ? null : response.aiMessage();
            String text = message == null ? null : message.text();
            if (text == null || text.isBlank()) {
                log.warn("LLM {} failed: empty reply", purpose);
                return Optional.empty();
            }
            return Optional.of(new Reply(text.strip(), response.finishReason() == FinishReason.LENGTH));
        } catch (TimeoutException e) {
            // interrupts the worker too, so a hanging server does not keep a slot busy
            call.cancel(true);
            log.warn("LLM {} failed: no reply within {}", purpose, timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            log.warn("LLM {} abandoned: interrupted", purpose);
        } catch (ExecutionException e) {
            log.warn("LLM {} failed: {}", purpose, reason(e.getCause() == null ? e : e.getCause()));
            log.debug("LLM {} failure", purpose, e.getCause());
        } catch (RuntimeException e) {
            log.warn("LLM {} failed: {}", purpose, reason(e));
            log.debug("LLM {} failure", purpose, e);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        background.shutdownNow();
    }

    /**
     * @param text the reply, stripped
     * @param cutOff the model stopped at the token limit, so the text ends mid-thought
     */
    record Reply(String text, boolean cutOff) {
    }

    /** One short line for the log: error bodies can be long, and must not flood it. */
    static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof HttpException)) {
            root = root.getCause();
        }
        String message = root instanceof HttpException http ? "HTTP " + http.statusCode() + " " + http.getMessage()
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
