package io.parley.widget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides whether {@link BrowserTest} classes run: yes when chromium and chromedriver are executable; when they are
 * missing, skipped with a warning printed once per test JVM, or, with {@code parley.browser-tests=required}, failed
 * (a JUnit condition that throws fails the class instead of skipping it).
 */
final class BrowserAvailable implements ExecutionCondition {

    static final String MODE_PROPERTY = "parley.browser-tests";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Path> missing = missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        String reason = "Browser tests skipped: %s not found (Debian: apt-get install chromium chromium-driver; "
                .formatted(String.join(" and ", missing.stream().map(Path::toString).toList()))
                + "-D" + MODE_PROPERTY + "=required makes this a failure)";
        if ("required".equals(System.getProperty(MODE_PROPERTY))) {
            throw new IllegalStateException(reason.replace("Browser tests skipped", "Browser tests are required, but")
                    .replace(" makes this a failure", " is set"));
        }
        if (WARNED.compareAndSet(false, true)) {
            System.out.println("[WARNING] " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    static List<Path> missing() {
        return List.of(Browser.CHROMIUM, Browser.CHROMEDRIVER).stream().filter(path -> !Files.isExecutable(path)).toList();
    }
}
