package com.sandboxopt.core;

/**
 * Who a secret belongs to, as {@link Users#signIn} found it.
 *
 * @param user      the user, enabled
 * @param viaToken  true for a personal API token, false for a page session
 * @param csrfToken the session's CSRF token; null for a token (scripts send no cookies, so need none)
 */
public record SignedIn(User user, boolean viaToken, String csrfToken) {
}
