package com.sandboxopt.server.api;

import com.sandboxopt.server.api.wire.DataSourceAnswer;
import com.sandboxopt.server.api.wire.ExecuteAnswer;
import com.sandboxopt.server.api.wire.ExperimentAnswer;
import com.sandboxopt.server.api.wire.ModelAnswer;
import com.sandboxopt.server.api.wire.ScheduleAnswer;
import com.sandboxopt.server.api.wire.TokenAnswer;
import com.sandboxopt.server.api.wire.UserAnswer;
import com.sandboxopt.server.security.AuditLog;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Records every call of an {@link Audited} endpoint once its answer is known: who, what, on which id, and how it
 * ended ({@code success}, {@code denied} for a 403, {@code not-found}, {@code invalid} for another 4xx, {@code failed}),
 * with the error message as the detail. Calls refused for want of any sign-in (401) are not recorded: nobody is known,
 * and a flood of them would only fill the trail (failed logins are, by {@code SessionLogin}).
 */
@ServerFilter("/api/**")
public class AuditFilter implements Ordered {
    private final AuditLog audit;
    private final Scheduler blocking;

    public AuditFilter(AuditLog audit, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.audit = audit;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /** Before the security filter, so that the requests it refuses pass this one on their way back. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    /**
     * Answers every other call as it is; an audited one once its entry is written, on the blocking pool (a database
     * write), so a client that reads the trail after its answer finds the entry there.
     */
    @ResponseFilter
    public Publisher<MutableHttpResponse<?>> record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Optional<AnnotationValue<Audited>> audited = route.flatMap(r -> r.getAnnotationMetadata()
                .findAnnotation(Audited.class));
        if (audited.isEmpty() || response.getStatus() == HttpStatus.UNAUTHORIZED) {
            return Mono.just(response);
        }
        String action = audited.get().stringValue().orElse("unknown");
        String variable = audited.get().stringValue("target").orElse("");
        Object body = response.getBody().orElse(null);
        String target = !variable.isEmpty()
                ? Optional.ofNullable(route.get().getVariableValues().get(variable)).map(Object::toString).orElse(null)
                : createdId(body);
        String detail = body instanceof ApiError error ? error.error() : null;
        return Mono.<MutableHttpResponse<?>>fromCallable(() -> {
            audit.record(request, action, target, outcome(response.code()), detail);
            return response;
        }).subscribeOn(blocking);
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        return switch (status) {
            case 403 -> "denied";
            case 404 -> "not-found";
            default -> status < 500 ? "invalid" : "failed";
        };
    }

    /** The id of what a call created, from its answer. */
    private static String createdId(Object body) {
        if (body instanceof ModelAnswer answer && answer.model() != null) {
            return answer.model().id();
        } else if (body instanceof ExecuteAnswer answer) {
            return answer.jobId();
        } else if (body instanceof DataSourceAnswer answer && answer.dataSource() != null) {
            return answer.dataSource().id();
        } else if (body instanceof ScheduleAnswer answer && answer.schedule() != null) {
            return answer.schedule().id();
        } else if (body instanceof UserAnswer answer && answer.user() != null) {
            return answer.user().username();
        } else if (body instanceof ExperimentAnswer answer && answer.experiment() != null) {
            return answer.experiment().id();
        } else if (body instanceof TokenAnswer answer && answer.apiToken() != null) {
            return answer.apiToken().id();
        }
        return null;
    }
}
