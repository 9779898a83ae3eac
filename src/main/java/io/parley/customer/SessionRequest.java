package io.parley.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the widget sends to start a session. All fields are optional: nothing at all starts a new anonymous visitor.
 *
 * @param visitorId the visitor id returned by an earlier session, to get the same conversations back
 * @param userId the host application's user id (with {@code userHash}) for an identified customer
 * @param userHash hex HMAC-SHA256(identity secret, userId)
 * @param jwt a signed identity (JWT, HS256 or RS256) from the host application: its {@code sub} is the user id,
 *     its {@code name}, {@code email}, {@code company} claims are stored as verified; replaces userId + userHash
 * @param company optional account/company the host application puts the customer in (insights group customer
 *     health by it); a later session without it keeps the stored one
 */
public record SessionRequest(
        @Size(min = 16, max = 100) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "must contain only letters, digits, '-' and '_'") String visitorId,
        @Size(max = 200) String userId,
        @Size(max = 128) String userHash,
        @Size(max = 200) String name,
        @Size(max = 320) @Email String email,
        @Size(max = 20) @Pattern(regexp = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", message = "must be a language tag such as en, tr or pt-BR") String locale,
        @Size(max = 200) String company,
        @Size(max = 8192) String jwt) {

    public SessionRequest(String visitorId, String userId, String userHash, String name, String email, String locale) {
        this(visitorId, userId, userHash, name, email, locale, null, null);
    }

    public SessionRequest(String visitorId, String userId, String userHash, String name, String email, String locale,
            String company) {
        this(visitorId, userId, userHash, name, email, locale, company, null);
    }
}
