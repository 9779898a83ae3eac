package io.parley.widget;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives a real browser (see {@link Browser}). It runs when Debian's chromium and chromedriver are
 * installed, and is skipped (with one warning line per build) when they are not, so that {@code ./mvnw verify} passes
 * on a machine with only Java; {@code -Dparley.browser-tests=required} (CI) turns a missing browser into a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserAvailable.class)
public @interface BrowserTest {
}
