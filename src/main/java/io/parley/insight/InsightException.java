package io.parley.insight;

import io.parley.core.ParleyException;

/** Errors of the insight module's REST API, each with a stable code. */
public class InsightException extends ParleyException {

    public InsightException(int status, String code, String message) {
        super(status, code, message);
    }

    public static InsightException badRequest(String code, String message) {
        return new InsightException(400, code, message);
    }

    public static InsightException notFound(String code, String message) {
        return new InsightException(404, code, message);
    }
}
