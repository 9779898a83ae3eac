package io.parley.chat.web;

import io.parley.core.ParleyException;

/** A STOMP frame the client may not send; answered with an ERROR frame. */
class StompDenied extends ParleyException {

    StompDenied(int status, String code, String message) {
        super(status, code, message);
    }
}
