/**
 * Offline evaluation of retrieval and of the answer / hand-off decision on labelled question sets. Entry points:
 * {@link io.parley.knowledge.eval.EvalCommand#run(String[])} and {@link io.parley.knowledge.eval.AnswerDecision}.
 */
@org.springframework.modulith.NamedInterface("eval")
package io.parley.knowledge.eval;
