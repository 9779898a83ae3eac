package io.parley.chat.web;

/** Body of a customer's message (STOMP SEND or REST POST). */
record SendMessage(String clientMessageId, String text) {
}
