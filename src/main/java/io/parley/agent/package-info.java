/**
 * Agent accounts, roles, presence and saved replies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent")
package io.parley.agent;
