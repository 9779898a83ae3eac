/**
 * Help articles (PostgreSQL is the source of truth), Markdown import, revisions, the Lucene index and search.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge", allowedDependencies = "core")
package io.parley.knowledge;
