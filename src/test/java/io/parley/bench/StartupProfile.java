package io.parley.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.parley.ParleyApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where a start-up spends its time: starts the application with Spring's {@link BufferingApplicationStartup}, prints
 * the slowest steps (bean instantiations with their own time, children excluded, and the total with children) and
 * exits. Not a test: run it against the extracted jar, with the same arguments as the application, e.g.
 * <pre>
 * java -cp target/test-classes:app/parley.jar io.parley.bench.StartupProfile --parley.knowledge.embedding.model=none
 * </pre>
 * (docs/BENCHMARKS.md, "Start-up profile").
 */
public final class StartupProfile {

    private StartupProfile() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        SpringApplication application = ParleyApplication.application();
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        ConfigurableApplicationContext context = application.run(args);
        long readyMillis = (System.nanoTime() - t0) / 1_000_000;
        StartupTimeline timeline = startup.getBufferedTimeline();
        List<StartupTimeline.TimelineEvent> events = timeline.getEvents();
        Map<Long, Long> childMillis = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                childMillis.merge(parent, e.getDuration().toMillis(), Long::sum);
            }
        }
        record Row(String name, long self, long total) {
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Long> byStep = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : events) {
            long total = e.getDuration().toMillis();
            long self = total - childMillis.getOrDefault(e.getStartupStep().getId(), 0L);
            String tags = StreamSupport.stream(e.getStartupStep().getTags().spliterator(), false)
                    .map(t -> t.getKey() + "=" + shorten(t.getValue())).collect(Collectors.joining(" "));
            rows.add(new Row(e.getStartupStep().getName() + " " + tags, self, total));
            byStep.merge(e.getStartupStep().getName(), self, Long::sum);
        }
        System.out.println("\n=== start-up profile: ready after " + readyMillis + " ms (JVM up "
                + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms), " + events.size()
                + " steps ===");
        System.out.println("--- own time per step kind (ms) ---");
        byStep.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("%7d  %s%n", e.getValue(), e.getKey()));
        System.out.println("--- slowest steps by own time (ms: own / with children) ---");
        rows.stream().sorted(Comparator.comparingLong(Row::self).reversed()).limit(40)
                .forEach(r -> System.out.printf("%7d %7d  %s%n", r.self(), r.total(), r.name()));
        System.out.println("--- slowest steps with children (ms) ---");
        rows.stream().sorted(Comparator.comparingLong(Row::total).reversed()).limit(25)
                .forEach(r -> System.out.printf("%7d  %s%n", r.total(), r.name()));
        if (!Boolean.getBoolean("profile.keep")) {
            System.exit(SpringApplication.exit(context));
        }
    }

    private static String shorten(Object value) {
        String s = String.valueOf(value);
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

}
