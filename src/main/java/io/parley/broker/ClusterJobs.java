package io.parley.broker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Periodic jobs that run once across nodes. Every node ticks; the node whose single atomic update moves the job's
 * {@code next_run} forward (by the database's clock, so the nodes' clocks do not matter) runs it for that period,
 * the others find the row already moved and skip. A node that dies mid-job only costs that one run.
 */
@Service
public class ClusterJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final JdbcClient jdbc;
    private final String node;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cluster-jobs");
        thread.setDaemon(true);
        return thread;
    });

    ClusterJobs(JdbcClient jdbc, BrokerProperties properties) {
        this.jdbc = jdbc;
        this.node = properties.nodeId();
    }

    /** Runs {@code task} every {@code period} on one node of the cluster (checked a few times per period here). */
    public void every(String name, Duration period, Runnable task) {
        long tick = Math.max(100, period.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runIfDue(name, period, task);
            }
            catch (RuntimeException e) {
                log.warn("Periodic job {} failed on node {}", name, node, e);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims the job's current period and runs the task when this node got it.
     *
     * @return whether this node ran it
     */
    public boolean runIfDue(String name, Duration period, Runnable task) {
        jdbc.sql("insert into cluster_job (name, next_run) values (:name, clock_timestamp()) on conflict (name) do nothing")
                .param("name", name).update();
        Optional<Long> claimed = jdbc.sql("""
                update cluster_job set next_run = clock_timestamp() + :millis * interval '1 millisecond',
                       last_run = clock_timestamp(), last_node = :node, runs = runs + 1
                 where name = :name and next_run <= clock_timestamp()
                returning runs""")
                .param("millis", period.toMillis()).param("node", node).param("name", name)
                .query(Long.class).optional();
        if (claimed.isEmpty()) {
            return false;
        }
        task.run();
        return true;
    }

    /** This node's name, as recorded in {@code cluster_job.last_node}. */
    public String node() {
        return node;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
