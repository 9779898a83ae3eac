package io.parley;

import java.util.LinkedHashMap;
import java.util.Map;

import io.parley.core.InvalidInput;
import io.parley.core.ParleyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is problem+json with a stable {@code code}; validation errors name each offending field.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ParleyException.class)
    ProblemDetail handle(ParleyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        problem.setProperty("code", e.code());
        if (e instanceof InvalidInput invalid) {
            problem.setProperty("fields", invalid.fields());
        }
        return problem;
    }

    /**
     * Spring's own errors (unreadable JSON, a parameter of the wrong type, an unsupported method...) get a stable
     * {@code code} too, so clients never have to parse {@code detail}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeOf(e, status));
        }
        return response;
    }

    static String codeOf(Exception e, HttpStatusCode status) {
        if (e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return "malformed_body";
        }
        if (e instanceof org.springframework.beans.TypeMismatchException) {
            return "invalid_parameter";
        }
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException
                || e instanceof org.springframework.web.bind.MissingPathVariableException
                || e instanceof org.springframework.web.bind.ServletRequestBindingException) {
            return "missing_parameter";
        }
        if (e instanceof org.springframework.web.method.annotation.HandlerMethodValidationException) {
            return "validation_failed";
        }
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return "payload_too_large";
        }
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status.is5xxServerError() ? "server_error" : "request_refused";
        };
    }

    /** The database is away (or slower than the connection timeout): a retryable 503, nothing was stored. */
    @ExceptionHandler({ org.springframework.dao.DataAccessException.class,
            org.springframework.transaction.CannotCreateTransactionException.class })
    ResponseEntity<ProblemDetail> handleDatabase(RuntimeException e) {
        if (!io.parley.core.Unavailable.is(e)) {
            throw e;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, io.parley.core.Unavailable.REASON);
        problem.setProperty("code", io.parley.core.Unavailable.CODE);
        problem.setProperty("retryable", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2").body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request: " + String.join(", ", fields.keySet().stream().map(f -> f + " " + fields.get(f)).toList()));
        problem.setProperty("code", "validation_failed");
        problem.setProperty("fields", fields);
        return ResponseEntity.badRequest().body(problem);
    }
}
