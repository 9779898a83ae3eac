/**
 * Limits that keep abusers out: per-address and per-customer rate limits (token buckets in PostgreSQL, so they hold
 * across nodes) on sessions, conversations, messages, typing and search, and request body size limits.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Limits", allowedDependencies = { "core", "broker" })
package io.parley.limits;
