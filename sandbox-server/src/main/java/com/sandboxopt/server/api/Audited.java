package com.sandboxopt.server.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that changes state: {@link AuditFilter} records each call of it in the audit trail, whatever its
 * outcome, with the target taken from the path variable {@link #target} (or, when empty, from the answer's id).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    /** The action, e.g. {@code job.cancel}. */
    String value();

    /** The path variable naming what was changed; empty: the id in the answer (for what the call created). */
    String target() default "";
}
