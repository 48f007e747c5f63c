package com.sandboxopt.server.web;

import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.annotation.Secured;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The web page: {@code /sandbox} serves its HTML (whose base is /sandbox/, where the static files
 * are) and {@code /} leads there.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS) // the page itself (it shows its login form when the server asks for one)
public class PageController {
    private final String page;

    public PageController(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream("classpath:web/sandbox/index.html")
                .orElseThrow(() -> new IllegalStateException("web/sandbox/index.html is missing from the server jar"))) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/")
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/sandbox"));
    }

    /** Browsers that ask for the root favicon (before or without reading the page) get the SVG one. */
    @Get("/favicon.ico")
    public HttpResponse<?> favicon() {
        return HttpResponse.permanentRedirect(URI.create("/sandbox/favicon.svg"));
    }

    @Get("/sandbox")
    @Produces(MediaType.TEXT_HTML)
    public String sandbox() {
        return page;
    }
}
