package com.sandboxopt.server.api;

import com.sandboxopt.core.ByteSize;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.server.config.SandboxSettings;
import com.sandboxopt.server.config.ServerDefaults;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Each upload endpoint keeps its own size limit, checked from {@code Content-Length} before the body is
 * read: a model upload {@code sandbox.max-upload-bytes}, a data source {@code sandbox.data-sources.max-bytes}
 * (each plus 1 MiB for the multipart framing); any other API request the server's request limit.
 * <p>
 * A refused upload is answered with 413 and {@code {"success": false, "code": "FILE_TOO_LARGE", "error": ...}}
 * only once its body has been read to its end and thrown away, up to
 * {@link ServerDefaults#modelDrainLimit 4 times the limit (at most sandbox.upload-drain-bytes)}: clients that
 * write the whole body before they read the answer (Python's urllib and requests, most scripts) would
 * otherwise see the connection closed under them ("broken pipe") instead of the answer. A body larger than
 * that, or one whose client waits for {@code 100 Continue} (curl), is answered at once and the connection
 * closed. A chunked body without a length is checked by the controller once its file part is in.
 */
@ServerFilter("/api/**")
public class UploadSizeFilter implements Ordered {
    static final String MODEL_UPLOAD = "/api/optimization/upload";
    static final String DATA_SOURCE_UPLOAD = "/api/optimization/data-sources";

    private final SandboxSettings settings;

    public UploadSizeFilter(SandboxSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    public CompletableFuture<Optional<HttpResponse<?>>> refuseLargeUploads(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length < 0) {
            return proceed();
        }
        boolean post = request.getMethod() == HttpMethod.POST;
        String path = request.getPath();
        if (post && MODEL_UPLOAD.equals(path)) {
            if (length <= ServerDefaults.modelUploadLimit(settings)) {
                return proceed();
            }
            return refuse(request, length, ServerDefaults.modelDrainLimit(settings),
                    ByteSize.overLimit("The upload", length, settings.maxUploadBytes())
                            + " for a model (sandbox.max-upload-bytes): make the model smaller");
        }
        if (post && DATA_SOURCE_UPLOAD.equals(path)) {
            if (length <= ServerDefaults.dataSourceUploadLimit(settings)) {
                return proceed();
            }
            return refuse(request, length, ServerDefaults.dataSourceDrainLimit(settings),
                    ByteSize.overLimit("The upload", length, settings.dataSourceLimits().maxBytes())
                            + " for a data source's files together (sandbox.data-sources.max-bytes): upload less");
        }
        long limit = ServerDefaults.requestLimit(settings);
        if (length <= limit) {
            return proceed();
        }
        return refuse(request, length, limit, ByteSize.overLimit("The request body", length, limit) + ": send less");
    }

    private static CompletableFuture<Optional<HttpResponse<?>>> proceed() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The 413 once the body is read to its end; at once (closing the connection) past {@code drainLimit}. */
    private static CompletableFuture<Optional<HttpResponse<?>>> refuse(HttpRequest<?> request, long length, long drainLimit,
                                                                       String message) {
        boolean waitsForContinue = request.getHeaders().get(HttpHeaders.EXPECT, String.class)
                .map(value -> value.toLowerCase(Locale.ROOT).contains("100-continue")).orElse(false);
        if (length > drainLimit || waitsForContinue || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(Optional.of(closing(tooLarge(message))));
        }
        CompletableFuture<Optional<HttpResponse<?>>> answer = new CompletableFuture<>();
        server.byteBody().toByteArrayPublisher().subscribe(new Subscriber<byte[]>() {
            private Subscription subscription;
            private long read;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE); // each chunk is dropped as it comes
            }

            @Override
            public void onNext(byte[] chunk) {
                read += chunk.length;
                if (read > drainLimit) { // more than its Content-Length said: stop reading
                    subscription.cancel();
                    answer.complete(Optional.of(closing(tooLarge(message))));
                }
            }

            @Override
            public void onError(Throwable error) { // the body broke off: answer anyway, the client may still read it
                answer.complete(Optional.of(closing(tooLarge(message))));
            }

            @Override
            public void onComplete() {
                answer.complete(Optional.of(tooLarge(message)));
            }
        });
        return answer;
    }

    private static MutableHttpResponse<?> tooLarge(String message) {
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(ApiError.of(message, ErrorCode.FILE_TOO_LARGE.name()));
    }

    private static MutableHttpResponse<?> closing(MutableHttpResponse<?> response) {
        return response.header(HttpHeaders.CONNECTION, "close");
    }

    @Override
    public int getOrder() {
        return 100; // after the API token check: a caller without the token learns that first
    }
}
