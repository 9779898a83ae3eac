package io.parley.handoff.web;

/** A refused staff command on {@code /user/queue/errors}; the connection stays open. */
record StaffCommandErrors(String code, String reason, String destination, String clientMessageId) {
}
