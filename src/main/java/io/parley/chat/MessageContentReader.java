package io.parley.chat;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@link MessageContent} from JSON by its {@code kind} (and {@code state}), through {@link MessageContent#typeOf}:
 * used where a whole message is read back, such as the event publication registry resubmitting a stored
 * {@link MessagePosted}. A kind this version does not know reads as no content (plain text), never as a failure.
 * It sits on the fields that hold content, not on the interface, so reading the concrete record is Jackson's own.
 */
final class MessageContentReader extends ValueDeserializer<MessageContent> {

    @Override
    public MessageContent deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode node = context.readTree(parser);
        Class<? extends MessageContent> type = MessageContent.typeOf(node.path("kind").asString(null),
                node.path("state").asString(null));
        return type == null ? null : context.readTreeAsValue(node, type);
    }
}
