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
