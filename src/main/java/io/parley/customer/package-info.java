/**
 * Customers and anonymous visitors, widget sessions and identity verification (HMAC user hash).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer")
package io.parley.customer;
