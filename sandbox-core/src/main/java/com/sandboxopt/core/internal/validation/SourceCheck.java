package com.sandboxopt.core.internal.validation;

/** A runtime's own check of a source: compiles it without running it, and reads what it declares. */
@FunctionalInterface
public interface SourceCheck {
    /** @throws com.sandboxopt.core.ModelValidationException SYNTAX_ERROR naming line and column when it does not compile */
    CheckedSource check(String source, String fileName);
}
