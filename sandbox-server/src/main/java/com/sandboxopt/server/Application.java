package com.sandboxopt.server;

import com.sandboxopt.core.RuntimeInfo;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.server.config.SandboxSettings;
import com.sandboxopt.server.security.FirstAdmin;
import com.sandboxopt.server.security.SecuritySettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import jakarta.inject.Singleton;

/** Starts the REST API and WebSocket server; settings come from {@code application.yml} (see docs/SETTINGS.md). */
@OpenAPIDefinition(info = @Info(title = "sandbox", version = "0.1.0",
        description = "Upload Python optimization models, run them in a sandbox, read their jobs and logs"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }

    /** What an upload without a runtime gets here, and why. */
    static String autoPicks(Sandbox sandbox) {
        for (RuntimeStatus status : sandbox.runtimes()) {
            if (status.kind() == RuntimeKind.CPYTHON) {
                return status.available()
                        ? "cpython, the faster runtime here (GraalPy when a model or a job asks for it)"
                        : "graalpy, since cpython is not available here";
            }
        }
        return "graalpy, the only runtime here";
    }

    /** Tells the person who started the server where it is and which Python runtime runs the models. */
    @Singleton
    static final class StartupBanner implements ApplicationEventListener<ServerStartupEvent> {
        private final Sandbox sandbox;
        private final FirstAdmin firstAdmin;
        private final SecuritySettings security;
        private final SandboxSettings settings;

        StartupBanner(Sandbox sandbox, FirstAdmin firstAdmin, SecuritySettings security, SandboxSettings settings) {
            this.sandbox = sandbox;
            this.firstAdmin = firstAdmin;
            this.security = security;
            this.settings = settings;
        }

        @Override
        public void onApplicationEvent(ServerStartupEvent event) {
            EmbeddedServer server = (EmbeddedServer) event.getSource();
            RuntimeInfo runtime = sandbox.runtime();
            System.out.println("Sandbox server: " + server.getURL() + "  (REST /api/optimization, WebSocket /ws/optimization)");
            System.out.println("Web page:       " + server.getURL() + "/sandbox/");
            System.out.println("GraalPy:        " + runtime.implementation() + " " + runtime.pythonVersion()
                    + (runtime.optimizing() ? " with the Graal JIT" : " in interpreter-only mode")
                    + ", started when a model needs it");
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
                    + (sandbox.defaultRuntime() == RuntimeKind.AUTO ? ": " + autoPicks(sandbox) : ""));
            System.out.println("Security:       " + security());
        }

        /** Creates the first admin where needed; its generated password is shown here, once. */
        private String security() {
            if (!security.enabled()) {
                return "off: everyone may do everything" + (settings.tokenRequired()
                        ? " with the API token (sandbox.api-token)" : " (sandbox.security.enabled; listening on 127.0.0.1"
                        + " unless micronaut.server.host says otherwise)");
            }
            return firstAdmin.ensure(sandbox)
                    .map(password -> "on; first admin '" + FirstAdmin.USERNAME + "' with the password " + password
                            + " (shown once: sign in and choose your own)")
                    .orElseGet(() -> {
                        int users = sandbox.users().list().size();
                        return "on: " + users + (users == 1 ? " user" : " users") + " (sandbox.security.enabled)";
                    });
        }
    }
}
