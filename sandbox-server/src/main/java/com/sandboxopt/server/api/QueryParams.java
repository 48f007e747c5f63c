package com.sandboxopt.server.api;

/**
 * Text query parameters of an enumeration (modelType, status, level, runtime) arrive as text so that the
 * library's parse names the value and the allowed ones ("Unknown modelType 'ABC': DMO, RMO or SO"), which
 * Micronaut's enum conversion would not; numbers are typed and BadRequests words their 400.
 */
final class QueryParams {
    private QueryParams() {
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
