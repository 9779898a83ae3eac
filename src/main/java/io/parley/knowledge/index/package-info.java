/**
 * Part of the knowledge module other modules may use: search results and the retrieval engine (the bot and the eval command search through it).
 */
@org.springframework.modulith.NamedInterface("index")
package io.parley.knowledge.index;
