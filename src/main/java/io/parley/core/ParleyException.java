package io.parley.core;

/**
 * A failure the caller caused and can be told about: it carries a stable machine-readable code and an HTTP-style
 * status, which REST turns into problem+json and STOMP into an error frame or error message.
 */
public abstract class ParleyException extends RuntimeException {

    private final String code;
    private final int status;

    protected ParleyException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
