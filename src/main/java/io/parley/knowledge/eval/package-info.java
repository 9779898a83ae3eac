/**
 * Part of the knowledge module other modules may use: the evaluation of retrieval and the answer decision on
 * labelled question sets (the {@code eval} command).
 */
@org.springframework.modulith.NamedInterface("eval")
package io.parley.knowledge.eval;
