package io.parley.chat;

/**
 * @param type customer, bot, agent or system
 * @param id the customer or agent id; null for bot and system
 * @param name the name shown next to the message, may be null
 */
public record Author(AuthorType type, String id, String name) {

    public static Author customer(String customerId, String name) {
        return new Author(AuthorType.CUSTOMER, customerId, name);
    }

    public static Author bot(String name) {
        return new Author(AuthorType.BOT, null, name);
    }

    public static Author system() {
        return new Author(AuthorType.SYSTEM, null, null);
    }

    public static Author agent(String agentId, String name) {
        return new Author(AuthorType.AGENT, agentId, name);
    }
}
