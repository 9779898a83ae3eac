/**
 * Customers and anonymous visitors, widget sessions and identity verification (HMAC user hash).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer", allowedDependencies = "core")
package io.parley.customer;
