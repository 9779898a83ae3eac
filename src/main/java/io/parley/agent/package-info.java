/**
 * Agent accounts, roles, presence and saved replies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent", allowedDependencies = "core")
package io.parley.agent;
