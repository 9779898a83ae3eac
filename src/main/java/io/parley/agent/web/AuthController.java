package io.parley.agent.web;

import java.util.UUID;

import io.parley.agent.AgentException;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffAuthentication;
import io.parley.agent.StaffLogin;
import io.parley.core.ParleyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff sign-in and "who am I". */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final StaffAuthentication authentication;
    private final StaffAccounts accounts;

    AuthController(StaffAuthentication authentication, StaffAccounts accounts) {
        this.authentication = authentication;
        this.accounts = accounts;
    }

    @PostMapping("/login")
    StaffLogin login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        // the client's address; behind a proxy set server.forward-headers-strategy so this is the real one
        return authentication.login(request.email(), request.password(), http.getRemoteAddr());
    }

    /** Ends every session of the signed-in account (all its tokens, on every device); 204. */
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        authentication.logout(authorization.substring("Bearer ".length()).trim());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    StaffView me(@AuthenticationPrincipal ParleyPrincipal principal) {
        return StaffView.of(accounts.get(UUID.fromString(principal.id())));
    }

    /** 429 with {@code Retry-After}, so clients (and proxies) know when to come back. */
    @ExceptionHandler(AgentException.LoginThrottled.class)
    ResponseEntity<ProblemDetail> throttled(AgentException.LoginThrottled e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setProperty("code", e.code());
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem);
    }

    record LoginRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 1000) String password) {
    }

}
