package com.sandboxopt.server;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import jakarta.inject.Singleton;

/** Starts the REST API and WebSocket server; settings come from {@code application.yml} (see README). */
@OpenAPIDefinition(info = @Info(title = "sandbox", version = "0.1.0",
        description = "Upload Python optimization models, run them in a sandbox, read their jobs and logs"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }

    /** Tells the person who started the server where it is and which Python runtime runs the models. */
    @Singleton
    static final class StartupBanner implements ApplicationEventListener<ServerStartupEvent> {
        private final Sandbox sandbox;

        StartupBanner(Sandbox sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public void onApplicationEvent(ServerStartupEvent event) {
            EmbeddedServer server = (EmbeddedServer) event.getSource();
            RuntimeInfo runtime = sandbox.runtime();
            System.out.println("Sandbox server: " + server.getURL() + "  (REST /api/optimization, WebSocket /ws/optimization)");
            System.out.println("Web page:       " + server.getURL() + "/sandbox/");
            System.out.println("Python runtime: " + runtime.implementation() + " " + runtime.pythonVersion()
                    + (runtime.optimizing() ? " with the Graal JIT" : " in interpreter-only mode"));
            System.out.println("Packages:       " + (sandbox.packageFolders().isEmpty()
                    ? "none (for PuLP: apt-get install python3-pulp, or set sandbox.packages)"
                    : sandbox.packageFolders().entrySet().stream().map(e -> e.getKey() + " <- " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", "))));
            System.out.println("Database:       " + sandbox.storageDescription());
            sandbox.nodeId().ifPresent(node -> System.out.println("Node:           " + node
                    + " (shares its job queue with every node on this database)"));
            System.out.println("Solver:         " + sandbox.solverDescription().orElse("none (sandbox.solver: none)"));
            String label = "Runtimes:       ";
            for (RuntimeStatus status : sandbox.runtimes()) {
                System.out.println(label + status.name() + ": " + (status.available()
                        ? "available, " + status.version() : "not available: " + status.reason()));
                label = " ".repeat(label.length());
            }
            System.out.println(label + "default: " + sandbox.defaultRuntime().wireName() + " (sandbox.runtime)"
                    + (sandbox.defaultRuntime() == RuntimeKind.AUTO
                    ? ": CPython for models that import what GraalPy cannot provide, such as numpy; GraalPy otherwise" : ""));
        }
    }
}
