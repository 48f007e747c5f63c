package com.sandboxopt.server.api;

import io.micronaut.http.HttpRequest;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.ByteSize;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.config.SandboxSettings;
import com.sandboxopt.server.api.wire.ModelAnswer;
import com.sandboxopt.server.api.wire.ModelJson;
import com.sandboxopt.server.api.wire.ModelsAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Uploading, listing, reading and archiving models. */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelController {
    private final Sandbox sandbox;
    private final long maxModelBytes;
    private final ObjectMapper mapper;

    public ModelController(Sandbox sandbox, SandboxSettings settings, ObjectMapper mapper) {
        this.sandbox = sandbox;
        this.mapper = mapper;
        this.maxModelBytes = settings.maxUploadBytes();
    }

    /**
     * Validates and stores a Python model: multipart fields {@code file}, {@code modelType}, {@code description}
     * and {@code runtime}. The file must end in {@code .py}; {@code runtime} is {@code graalpy}, {@code cpython} or
     * {@code auto} (absent: the server's {@code sandbox.runtime}), and 409 says why when it cannot run on this server.
     * {@code configDefaults} (a JSON object) is the config a run starts from; absent, the model's own
     * {@code CONFIG_DEFAULTS} dict is read. The same file name and type again makes the next {@code version}.
     */
    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured(Roles.ANALYST)
    @Audited("model.upload")
    public ModelAnswer upload(HttpRequest<?> request, @Part("file") @Nullable CompletedFileUpload file,
                                      @Part("modelType") @Nullable String modelType,
                                      @Part("description") @Nullable String description,
                                      @Part("runtime") @Nullable String runtime,
                                      @Part("configDefaults") @Nullable String configDefaults) throws IOException {
        if (file == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "file is required: send the .py model as the multipart field 'file'");
        }
        ModelType type = ModelType.parse(modelType);
        RuntimeKind kind = QueryParams.present(runtime) ? RuntimeKind.parse(runtime) : null;
        if (file.getSize() > maxModelBytes) { // not read into memory: the request limit is a data source's
            file.discard();
            throw new SandboxException(ErrorCode.FILE_TOO_LARGE, ByteSize.overLimit(
                    file.getFilename().replaceAll("\\p{Cntrl}", "?"), file.getSize(), maxModelBytes) + ": make the model smaller");
        }
        Map<String, Object> defaults = configDefaults(configDefaults);
        Model model = sandbox.models().upload(new ModelUpload(file.getFilename(), file.getBytes(), type,
                description == null ? "" : description, kind, defaults, Caller.of(request).owner()));
        return new ModelAnswer(ModelJson.of(model));
    }

    /** The form field {@code configDefaults}: null when absent or blank, 400 unless a JSON object. */
    private Map<String, Object> configDefaults(String text) {
        if (!QueryParams.present(text)) {
            return null;
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "configDefaults is not valid JSON: " + e.getOriginalMessage() + ". Send an object like {\"hours\": 24}");
        }
        if (node == null || !node.isObject()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "configDefaults must be a JSON object like"
                    + " {\"hours\": 24}, was " + (node == null ? "empty" : node.getNodeType().name().toLowerCase()));
        }
        return mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    /** Models, optionally of one type and status, with the number of models per type. */
    @Get("/models")
    public ModelsAnswer models(@QueryValue @Nullable String modelType, @QueryValue @Nullable String status) {
        ModelType type = QueryParams.present(modelType) ? ModelType.parse(modelType) : null;
        ModelStatus modelStatus = QueryParams.present(status) ? ModelStatus.parse(status) : null;
        List<ModelJson> models = sandbox.models().list(new ModelQuery(type, modelStatus)).stream().map(ModelJson::of).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        sandbox.models().counts(modelStatus).forEach((t, n) -> counts.put(t.name(), n));
        return new ModelsAnswer(models, counts);
    }

    @Get("/models/{id}")
    public ModelAnswer model(@PathVariable String id) {
        return new ModelAnswer(ModelJson.of(sandbox.models().get(id)));
    }

    /** The model's Python source as a file. */
    @Get("/models/{id}/source")
    public HttpResponse<String> source(@PathVariable String id) {
        Model model = sandbox.models().get(id);
        return HttpResponse.ok(sandbox.models().source(id))
                .contentType("text/x-python; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + model.fileName() + "\"");
    }

    /** Makes an archived model active again: the undo of archive. */
    @Post("/models/{id}/restore")
    @Secured(Roles.ANALYST)
    @Audited(value = "model.restore", target = "id")
    public ModelAnswer restore(HttpRequest<?> request, @PathVariable String id) {
        Model model = sandbox.models().get(id);
        Caller.of(request).mayChange(model.owner(), "Model " + model.name());
        return new ModelAnswer(ModelJson.of(sandbox.models().restore(id)));
    }

    /** Archives the model: it can no longer run; it, its jobs and logs stay readable. */
    @Delete("/models/{id}")
    @Secured(Roles.ANALYST)
    @Audited(value = "model.archive", target = "id")
    public ModelAnswer archive(HttpRequest<?> request, @PathVariable String id) {
        Model model = sandbox.models().get(id);
        Caller.of(request).mayChange(model.owner(), "Model " + model.name());
        return new ModelAnswer(ModelJson.of(sandbox.models().archive(id)));
    }
}
