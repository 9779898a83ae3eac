/**
 * Metrics, content gaps, CSAT/NPS and customer health; it only listens and reads, nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight", allowedDependencies = { "core", "customer", "chat", "knowledge", "assistant", "handoff", "ticket", "agent" })
package io.parley.insight;
