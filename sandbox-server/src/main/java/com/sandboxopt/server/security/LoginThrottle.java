package com.sandboxopt.server.security;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code loginAttempts} wrong passwords in a row for one user from one address
 * (or four times as many from one address for any users), logins from there are refused without a check for a
 * while, twice as long after each lockout, up to 15 minutes. A refused login costs no bcrypt, so a flood of them
 * leaves the server responsive. Kept in this node's memory (bounded); a restart forgets it.
 */
@Singleton
final class LoginThrottle {
    private static final Duration LONGEST = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 10_000;

    /** What a key has done lately. */
    private static final class Record {
        int failures;
        int lockouts;
        Instant lockedUntil = Instant.MIN;
    }

    private final int attempts;
    private final Duration firstLockout;
    private final Clock clock;
    private final Map<String, Record> records = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_KEYS;
        }
    };

    @Inject
    LoginThrottle(SecuritySettings settings) {
        this(Math.max(1, settings.loginAttempts()), settings.lockout(), Clock.systemUTC());
    }

    LoginThrottle(int attempts, Duration firstLockout, Clock clock) {
        this.attempts = attempts;
        this.firstLockout = firstLockout;
        this.clock = clock;
    }

    /** How long logins of this user from this address stay refused; empty when one may be tried now. */
    synchronized Optional<Duration> refusedFor(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(userKey(username, address)), lockedUntil(addressKey(address)));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Counts a wrong password; returns the lockout it started, if it started one. */
    synchronized Optional<Duration> failed(String username, String address) {
        Optional<Duration> user = count(userKey(username, address), attempts);
        Optional<Duration> all = count(addressKey(address), attempts * 4);
        return user.isPresent() ? user : all;
    }

    synchronized void succeeded(String username, String address) {
        records.remove(userKey(username, address));
    }

    private Optional<Duration> count(String key, int limit) {
        Record record = records.computeIfAbsent(key, k -> new Record());
        record.failures++;
        if (record.failures < limit) {
            return Optional.empty();
        }
        Duration lockout = firstLockout.multipliedBy(1L << Math.min(record.lockouts, 20));
        lockout = lockout.compareTo(LONGEST) > 0 ? LONGEST : lockout;
        record.lockouts++;
        record.failures = 0;
        record.lockedUntil = clock.instant().plus(lockout);
        return Optional.of(lockout);
    }

    private Instant lockedUntil(String key) {
        Record record = records.get(key);
        return record == null ? Instant.MIN : record.lockedUntil;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String userKey(String username, String address) {
        return "user:" + username + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
