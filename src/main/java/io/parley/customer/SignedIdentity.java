package io.parley.customer;

/**
 * What the host application signed about a customer (the claims of a verified identity JWT): the user id
 * ({@code sub}) and whichever of name, email, company and locale it chose to sign, plus its custom attributes.
 * A {@code null} field was not in the token.
 */
record SignedIdentity(String subject, String name, String email, String company, String locale,
        CustomerAttributes attributes) {
}
