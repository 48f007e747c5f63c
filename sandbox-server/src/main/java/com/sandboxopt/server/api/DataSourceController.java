package com.sandboxopt.server.api;

import io.micronaut.http.HttpRequest;
import com.sandboxopt.server.security.Caller;
import com.sandboxopt.server.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSourceStatus;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.api.wire.DataSourceAnswer;
import com.sandboxopt.server.api.wire.DataSourceJson;
import com.sandboxopt.server.api.wire.DataSourcesAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Data sources: sets of files (CSV, JSON, ...) that jobs read under {@code data/}. Uploading again
 * under a name makes its next version; a version never changes, archiving it only stops new jobs
 * from using it.
 */
@Controller("/api/optimization")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DataSourceController {
    private final Sandbox sandbox;

    public DataSourceController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Stores a data source from a multipart body: one or more {@code file} parts, {@code name} (before or
     * after the files) and optionally {@code description}. The body is streamed: Micronaut writes each file
     * part to a temporary file as it arrives (see DataSourceForm), then each goes to the store while it is
     * hashed and counted. 400 for a missing name or file, a bad file name or two files of one name; 413 past
     * {@code sandbox.data-sources.max-bytes} or {@code max-files}. A refused upload stores nothing.
     */
    @Post(value = "/data-sources", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured(Roles.ANALYST)
    @Audited("data-source.upload")
    public DataSourceAnswer uploadDataSource(HttpRequest<?> request,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = UploadForm.class)))
            @Body MultipartBody body) {
        DataSourceForm form = new DataSourceForm();
        try {
            // the whole body, part by part (this is a worker thread: waiting is fine); a body that broke off throws
            Flux.from(body).doOnNext(form::add).blockLast();
            try (DataSourceDraft draft = sandbox.dataSources().draft(form.name(), form.description())
                    .owner(Caller.of(request).owner())) {
                CompletedFileUpload file;
                while ((file = form.nextFile()) != null) {
                    try (InputStream in = file.getInputStream()) { // closing it removes the temporary file
                        draft.addFile(file.getFilename(), in);
                    }
                }
                return new DataSourceAnswer(DataSourceJson.of(draft.commit()));
            }
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not read the upload: " + e.getMessage(), e);
        } finally {
            form.discard();
        }
    }

    /** Data sources, newest first: {@code name} gives that name's versions, {@code status} active or archived ones. */
    @Get("/data-sources")
    public DataSourcesAnswer dataSources(@QueryValue @Nullable String name, @QueryValue @Nullable String status) {
        DataSourceQuery query = new DataSourceQuery(QueryParams.present(name) ? name.strip() : null,
                QueryParams.present(status) ? DataSourceStatus.parse(status) : null);
        return new DataSourcesAnswer(sandbox.dataSources().list(query).stream().map(DataSourceJson::of).toList());
    }

    /** One data source by id, or by name for its latest version. */
    @Get("/data-sources/{id}")
    public DataSourceAnswer dataSource(@PathVariable String id) {
        return new DataSourceAnswer(DataSourceJson.of(sandbox.dataSources().get(id)));
    }

    /** One file of a data source (by id, or the latest version of a name) as an attachment, streamed. */
    @Get("/data-sources/{id}/files/{fileName}")
    public HttpResponse<StreamedFile> dataFile(@PathVariable String id, @PathVariable String fileName) {
        DataSource source = sandbox.dataSources().get(id);
        InputStream content = sandbox.dataSources().openFile(source.id(), fileName); // FILE_NOT_FOUND naming the files it has
        DataFile file = source.file(fileName).orElseThrow();
        return Downloads.attachment(content, fileName, file.contentType(), file.sizeBytes(), source.uploadedAt());
    }

    /** Archives a data source version: no new job may use it (409); it, its files and its jobs stay readable. */
    @Delete("/data-sources/{id}")
    @Secured(Roles.ANALYST)
    @Audited(value = "data-source.archive", target = "id")
    public DataSourceAnswer archiveDataSource(HttpRequest<?> request, @PathVariable String id) {
        DataSource source = sandbox.dataSources().get(id);
        Caller.of(request).mayChange(source.owner(), "Data source " + source.name() + " version " + source.version());
        return new DataSourceAnswer(DataSourceJson.of(sandbox.dataSources().archive(id)));
    }

    /** The upload's fields as the OpenAPI description shows them (the body itself is read part by part). */
    @Schema(name = "DataSourceUpload", requiredProperties = {"name", "file"})
    record UploadForm(@Schema(description = "the name its versions share") String name,
                      @Schema(description = "optional") String description,
                      @ArraySchema(minItems = 1, schema = @Schema(type = "string", format = "binary",
                              description = "one part per file")) List<byte[]> file) {
    }
}
