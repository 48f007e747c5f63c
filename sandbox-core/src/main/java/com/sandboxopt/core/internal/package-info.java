/**
 * Private implementation of sandbox-core. Nothing here is public API: it may change in any release.
 * Use {@link com.sandboxopt.core.Sandbox} instead.
 */
package com.sandboxopt.core.internal;
