package io.parley.agent;

import java.time.Duration;
import java.util.UUID;

import io.parley.core.ParleyException;

/** Errors of the agent module, each with a stable code. */
public class AgentException extends ParleyException {

    AgentException(int status, String code, String message) {
        super(status, code, message);
    }

    /** Deliberately the same for an unknown email and a wrong password, so logins cannot probe for accounts. */
    static AgentException invalidCredentials() {
        return new AgentException(401, "invalid_credentials", "Wrong email or password");
    }

    static AgentException deactivated() {
        return new AgentException(403, "account_deactivated", "This account has been deactivated; ask an admin");
    }

    static AgentException notFound(UUID id) {
        return new AgentException(404, "staff_not_found", "Unknown staff account " + id);
    }

    static AgentException emailTaken(String email) {
        return new AgentException(409, "staff_email_taken", "There is already a staff account for " + email);
    }

    static AgentException lastAdmin() {
        return new AgentException(409, "last_admin",
                "This is the last active admin: make someone else an admin before removing the role or deactivating it");
    }

    static AgentException apiKeyNotFound(UUID id) {
        return new AgentException(404, "api_key_not_found", "Unknown API key " + id);
    }

    /** Keys are issued by people: a key, even an admin-scoped one, cannot mint or revoke keys. */
    static AgentException apiKeysNeedStaff() {
        return new AgentException(403, "api_key_management_needs_staff",
                "API keys are managed by a signed-in admin, not with an API key");
    }

    /** Too many failed logins for one email; the caller may try again after {@link #retryAfter()}. */
    public static final class LoginThrottled extends AgentException {

        private final Duration retryAfter;

        LoginThrottled(Duration retryAfter) {
            super(429, "login_throttled", "Too many failed logins for this account or from this address; try again in "
                    + Math.max(1, retryAfter.toSeconds()) + " seconds");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
