/**
 * Ids and small shared value types (principals, token authentication contract), and the one store of server
 * secrets (token signing keys) that customer and agent tokens share, with the cipher that keeps stored secrets
 * encrypted at rest ({@code parley.security.*}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Core", allowedDependencies = {}, type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.parley.core;
