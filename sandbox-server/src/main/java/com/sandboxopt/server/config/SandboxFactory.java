package com.sandboxopt.server.config;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import com.sandboxopt.server.events.EventHub;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

import java.nio.file.Path;

/** Builds the one {@link Sandbox} of the server from {@link SandboxSettings}; every job event goes to the {@link EventHub}. */
@Factory
class SandboxFactory {

    @Context
    @Bean(preDestroy = "close")
    Sandbox sandbox(SandboxSettings settings, EventHub hub) {
        SandboxBuilder builder = Sandbox.builder()
                .dataDirectory(Path.of(settings.dataDir()))
                .maxQueueLength(settings.queueLength())
                .maxModelBytes(settings.maxUploadBytes())
                .learnImports(settings.learnImports())
                .compilerThreads(settings.compilerThreads())
                .listener(hub);
        if (settings.logDir() != null && !settings.logDir().isBlank()) {
            builder.logDirectory(Path.of(settings.logDir()));
        }
        if (settings.inMemoryDatabase()) {
            builder.inMemoryDatabase();
        }
        if (settings.poolSize() != null) {
            builder.poolSize(settings.poolSize());
        }
        if (settings.preImportList() != null) {
            builder.preImports(settings.preImportList());
        }
        SandboxSettings.LimitSettings limits = settings.limits();
        if (limits != null) {
            Limits jobLimits = Limits.defaults().withWallTime(limits.timeout()).withMaxOutputLines(limits.maxOutputLines())
                    .withMaxOutputBytes(limits.maxOutputBytes());
            if (limits.cpuTime() != null) {
                jobLimits = jobLimits.withCpuTime(limits.cpuTime());
            }
            builder.defaultLimits(jobLimits).memoryLimitFraction(limits.memoryFraction());
        }
        return builder.build();
    }
}
