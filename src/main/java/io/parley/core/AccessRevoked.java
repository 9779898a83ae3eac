package io.parley.core;

/**
 * Every token of this principal issued so far stopped being valid (logout, password change, deactivation, role
 * change). Live connections of that principal are closed on hearing it; other nodes notice on the next frame.
 *
 * @param principalName {@link ParleyPrincipal#getName()} of the principal whose tokens were revoked
 * @param reason why, shown to the client that is disconnected
 */
public record AccessRevoked(String principalName, String reason) {
}
