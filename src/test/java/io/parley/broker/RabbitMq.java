package io.parley.broker;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ (with rabbitmq_stomp) that multi-node tests relay through: found on localhost:61613 ({@code .ci/run}
 * installs and starts Debian's rabbitmq-server). Absent, those tests are skipped with a clear line, unless
 * {@code -Dparley.rabbitmq-tests=required} (set by CI), when they fail instead.
 */
final class RabbitMq {

    static final String HOST = System.getProperty("parley.rabbitmq.host", "localhost");
    static final int STOMP_PORT = Integer.getInteger("parley.rabbitmq.stomp-port", 61613);

    private RabbitMq() {
    }

    static void require() {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, STOMP_PORT), 1_000);
            reachable = true;
        }
        catch (java.io.IOException e) {
            reachable = false;
        }
        String why = "RabbitMQ with rabbitmq_stomp is not reachable on " + HOST + ":" + STOMP_PORT
                + " (apt-get install rabbitmq-server; rabbitmq-plugins enable rabbitmq_stomp; start it)";
        if (!reachable && "required".equals(System.getProperty("parley.rabbitmq-tests"))) {
            throw new AssertionError(why + "; -Dparley.rabbitmq-tests=required");
        }
        if (!reachable) {
            System.out.println("SKIPPED multi-node tests: " + why);
        }
        Assumptions.assumeTrue(reachable, why);
    }
}
