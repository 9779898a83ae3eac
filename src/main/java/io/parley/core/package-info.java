/**
 * Ids and small shared value types (principals, token authentication contract); no services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Core", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.parley.core;
