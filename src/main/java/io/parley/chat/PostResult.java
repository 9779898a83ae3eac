package io.parley.chat;

/**
 * @param message the stored message (the earlier one when this was a resend)
 * @param duplicate true when the clientMessageId had been stored before and nothing new was stored
 */
public record PostResult(ChatMessage message, boolean duplicate) {
}
