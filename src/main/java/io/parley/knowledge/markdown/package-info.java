/**
 * Part of the knowledge module other modules may use: the Markdown knowledge-base reader (the eval command reads folders with it).
 */
@org.springframework.modulith.NamedInterface("markdown")
package io.parley.knowledge.markdown;
