package com.sandboxopt.server.config;

import com.sandboxopt.core.Sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Builds the server's {@link Sandbox} on a thread of its own, begun as the application context starts, so that
 * opening the database (migrating a fresh H2 file is the slowest part of a cold start) overlaps Micronaut's own
 * start and Netty's; the first request, and the start-up banner, wait for it. A failure surfaces where the
 * sandbox is first asked for, as the exception the build threw, so a bad setting still stops the start.
 */
final class SandboxStartup implements AutoCloseable {
    private final CompletableFuture<Sandbox> building;

    SandboxStartup(Supplier<Sandbox> build) {
        building = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                building.complete(build.get());
            } catch (Throwable e) {
                building.completeExceptionally(e);
            }
        }, "sandbox-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The built sandbox, once built; what the build threw otherwise. */
    Sandbox sandbox() {
        try {
            return building.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the sandbox once it is built, also when no one asked for it (the context stopped first). */
    @Override
    public void close() {
        Sandbox built;
        try {
            built = building.join();
        } catch (RuntimeException | Error failed) {
            return;
        }
        built.close();
    }
}
