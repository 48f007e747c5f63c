package com.sandboxopt.core;

import java.util.Locale;

/** Level of one job log line. Python's CRITICAL is stored as ERROR. */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR;

    /**
     * Maps a Python or Java level name to a log level: {@code CRITICAL}/{@code FATAL} become ERROR,
     * {@code WARN} becomes WARNING, anything unknown becomes INFO.
     */
    public static LogLevel fromName(String name) {
        if (name == null) {
            return INFO;
        }
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "DEBUG": case "TRACE": case "NOTSET": return DEBUG;
            case "WARNING": case "WARN": return WARNING;
            case "ERROR": case "CRITICAL": case "FATAL": case "EXCEPTION": return ERROR;
            default: return INFO;
        }
    }

    /** Strict parse for query filters: rejects unknown names with a message listing the valid ones. */
    public static LogLevel parse(String name) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return level;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                "Unknown log level '" + name + "': use one of DEBUG, INFO, WARNING, ERROR");
    }
}
