/**
 * How nodes work together: the STOMP broker (in-process for one node, a relay to RabbitMQ or Artemis for many),
 * user destinations across nodes, and periodic jobs that run once across nodes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Broker", allowedDependencies = {})
package io.parley.broker;
