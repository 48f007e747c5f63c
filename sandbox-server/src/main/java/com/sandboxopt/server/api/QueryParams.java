package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;

/** Query parameters arrive as text so a wrong one gets our own message naming it. */
final class QueryParams {
    private QueryParams() {
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static long number(String name, String value, long fallback) {
        if (!present(value)) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " must be a whole number, was '" + value + "'");
        }
    }

    static int intNumber(String name, String value, int fallback) {
        long number = number(name, value, fallback);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, name + " is out of range: " + value);
        }
        return (int) number;
    }
}
