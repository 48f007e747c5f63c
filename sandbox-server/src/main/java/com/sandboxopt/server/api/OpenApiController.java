package com.sandboxopt.server.api;

import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.annotation.Secured;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.yml}: the OpenAPI description generated at build time from the controllers. */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {
    static final String SPEC = "META-INF/swagger/sandbox-0.1.0.yml";

    @Get("/openapi.yml")
    public HttpResponse<String> openApi() throws IOException {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                return HttpResponse.notFound("The OpenAPI description was not generated into this build");
            }
            return HttpResponse.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contentType("application/yaml");
        }
    }
}
