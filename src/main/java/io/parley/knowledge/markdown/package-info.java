/**
 * Reading a Markdown knowledge-base folder (YAML front matter) into articles and per-file problems. Entry point:
 * {@link io.parley.knowledge.markdown.MarkdownKnowledgeBase#read(java.nio.file.Path)}.
 */
@org.springframework.modulith.NamedInterface("markdown")
package io.parley.knowledge.markdown;
