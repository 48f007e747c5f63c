package com.sandboxopt.server.api;

import com.sandboxopt.server.config.SandboxSettings;
import com.sandboxopt.server.config.ServerDefaults;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Locale;
import java.util.Map;

/**
 * The server accepts bodies as large as a data source may be; a model upload keeps its own limit
 * ({@code sandbox.max-upload-bytes} plus multipart overhead), refused from its {@code Content-Length}
 * before the body is read. A chunked body without a length is checked once its file part is in.
 */
@ServerFilter("/api/optimization/upload")
public class UploadSizeFilter implements Ordered {
    private final SandboxSettings settings;

    public UploadSizeFilter(SandboxSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseLargeModels(HttpRequest<?> request) {
        long length = request.getContentLength();
        long limit = ServerDefaults.modelUploadLimit(settings);
        if (length <= limit) {
            return null;
        }
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Map.of("success", false, "code", "FILE_TOO_LARGE",
                "error", "The upload is " + mib(length) + ", larger than the limit of " + mib(settings.maxUploadBytes())
                        + " for a model (sandbox.max-upload-bytes): make the model smaller"));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    @Override
    public int getOrder() {
        return 100; // after the API token check: a caller without the token learns that first
    }
}
