/**
 * Email: the out-of-hours contact form, agents' replies to customers who have left (delayed, batched, with a signed
 * link back into the widget), transcripts on request, and customers' email replies coming back into their
 * conversation (inbound webhook). Sends through any SMTP server ({@code spring.mail.*}); with none configured it
 * sends nothing and tells the widget so.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail", allowedDependencies = { "core", "customer", "chat", "handoff" })
package io.parley.mail;
