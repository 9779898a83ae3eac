package io.parley.assistant.intent;

/** What a customer message is, before any knowledge search. */
public enum Intent {
    /** hello, hi, merhaba, سلام */
    GREETING,
    /** thanks, teşekkürler, ممنون */
    THANKS,
    /** bye, görüşürüz, خداحافظ */
    GOODBYE,
    /** yes / that helped (an answer to "Did that answer your question?") */
    AFFIRM,
    /** no / that did not help */
    DENY,
    /** talk to a person, agent, insan, اپراتور */
    HUMAN_REQUEST,
    /** anything else: a question for the knowledge base */
    QUESTION
}
