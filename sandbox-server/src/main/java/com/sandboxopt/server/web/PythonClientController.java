package com.sandboxopt.server.web;

import com.sandboxopt.server.api.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Optional;

/**
 * The Python client {@code sandboxopt}, served by the server it talks to: {@code /client/python/} is a page
 * linking its wheel (a "find links" page for {@code pip install --no-index --find-links <that page> sandboxopt})
 * with the install line for the address the request came to, and {@code /client/python/<wheel>} the wheel.
 * Open to everyone, security on or off: it is public code, and holds no data of the server's.
 */
@Controller("/client/python")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
public class PythonClientController {
    private final Optional<PythonClientWheel> wheel = PythonClientWheel.load(PythonClientController.class.getClassLoader());

    /** The page, at /client/python/ and (Micronaut routes both alike) /client/python; its links are absolute. */
    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        return HttpResponse.ok(PythonClientPage.html(wheel, origin(request)))
                .header("Cache-Control", "no-cache");
    }

    @Get("/{fileName}")
    public HttpResponse<?> file(@PathVariable String fileName) {
        if (wheel.isEmpty() || !wheel.get().fileName().equals(fileName)) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("No file " + fileName
                    + " here: the Python client's page /client/python/ links the wheel this server has", "FILE_NOT_FOUND"));
        }
        return HttpResponse.ok(wheel.get().bytes())
                .contentType(MediaType.of("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    /** The scheme, host and port the request was sent to (behind a TLS proxy: its X-Forwarded-Proto). */
    private static String origin(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = "https".equalsIgnoreCase(forwarded) || request.isSecure() ? "https" : "http";
        return scheme + "://" + host;
    }
}
