package com.sandboxopt.server.api;

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
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Data sources: sets of files (CSV, JSON, ...) that jobs read under {@code data/}. Uploading again
 * under a name makes its next version; a version never changes, archiving it only stops new jobs
 * from using it.
 */
@Controller("/api/optimization")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DataSourceController {
    static final String FILE_FIELD = "file";
    private static final int MAX_NAME_CHARS = 1_000;
    private static final int MAX_DESCRIPTION_CHARS = 10_000;

    private final Sandbox sandbox;

    public DataSourceController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Stores a data source from a multipart body: one or more {@code file} parts, {@code name} (before or
     * after the files) and optionally {@code description}. The body is streamed: each file part waits in a
     * temporary file while the rest arrives, then goes to the store while it is hashed and counted.
     * 400 for a missing name or file, a bad file name or two files of one name; 413 past
     * {@code sandbox.data-sources.max-bytes} or {@code max-files}. A refused upload stores nothing.
     */
    @Post(value = "/data-sources", consumes = MediaType.MULTIPART_FORM_DATA)
    public DataSourceAnswer uploadDataSource(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = UploadForm.class)))
            @Body MultipartBody body) {
        List<CompletedFileUpload> files = new ArrayList<>();
        try (MultipartParts parts = MultipartParts.of(body)) {
            String name = null;
            String description = null;
            try {
                CompletedPart part;
                while ((part = parts.next()) != null) {
                    if (part instanceof CompletedFileUpload file) {
                        if (!FILE_FIELD.equals(file.getName())) {
                            MultipartParts.discard(file);
                            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Unexpected file field '"
                                    + printable(file.getName()) + "': send each file as a multipart field named 'file'");
                        }
                        files.add(file); // on disk until the name (which may come last) is known
                    } else if ("name".equals(part.getName())) {
                        name = MultipartParts.text(part, MAX_NAME_CHARS);
                    } else if ("description".equals(part.getName())) {
                        description = MultipartParts.text(part, MAX_DESCRIPTION_CHARS);
                    } else if (FILE_FIELD.equals(part.getName())) {
                        MultipartParts.discard(part);
                        throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                                "A 'file' field without a file name: send each file as a file part (curl -F file=@bids.csv)");
                    } else {
                        MultipartParts.discard(part); // an unknown text field, as the model upload ignores them
                    }
                }
            } catch (RuntimeException e) {
                parts.drain(); // the client gets this answer rather than a connection closed while it sends
                throw e;
            } catch (IOException e) {
                parts.drain();
                throw e;
            }
            if (name == null || name.isBlank()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                        "name is required: send the data source's name as the multipart field 'name'");
            }
            if (files.isEmpty()) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                        "No file: send one or more non-empty files as multipart fields named 'file'");
            }
            try (DataSourceDraft draft = sandbox.newDataSource(name, description)) {
                while (!files.isEmpty()) {
                    CompletedFileUpload file = files.remove(0);
                    try (InputStream in = file.getInputStream()) {
                        draft.addFile(file.getFilename(), in);
                    }
                }
                return new DataSourceAnswer(DataSourceJson.of(draft.commit()));
            }
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not read the upload: " + e.getMessage(), e);
        } finally {
            files.forEach(MultipartParts::discard);
        }
    }

    /** Data sources, newest first: {@code name} gives that name's versions, {@code status} active or archived ones. */
    @Get("/data-sources")
    public DataSourcesAnswer dataSources(@QueryValue @Nullable String name, @QueryValue @Nullable String status) {
        DataSourceQuery query = new DataSourceQuery(QueryParams.present(name) ? name.strip() : null,
                QueryParams.present(status) ? DataSourceStatus.parse(status) : null);
        return new DataSourcesAnswer(sandbox.listDataSources(query).stream().map(DataSourceJson::of).toList());
    }

    /** One data source by id, or by name for its latest version. */
    @Get("/data-sources/{id}")
    public DataSourceAnswer dataSource(@PathVariable String id) {
        return new DataSourceAnswer(DataSourceJson.of(sandbox.dataSource(id)));
    }

    /** One file of a data source (by id, or the latest version of a name) as an attachment, streamed. */
    @Get("/data-sources/{id}/files/{fileName}")
    public HttpResponse<StreamedFile> dataFile(@PathVariable String id, @PathVariable String fileName) {
        DataSource source = sandbox.dataSource(id);
        InputStream content = sandbox.openDataFile(source.id(), fileName); // FILE_NOT_FOUND naming the files it has
        DataFile file = source.file(fileName).orElseThrow();
        return Downloads.attachment(content, fileName, file.contentType(), file.sizeBytes(), source.uploadedAt());
    }

    /** Archives a data source version: no new job may use it (409); it, its files and its jobs stay readable. */
    @Delete("/data-sources/{id}")
    public DataSourceAnswer archiveDataSource(@PathVariable String id) {
        return new DataSourceAnswer(DataSourceJson.of(sandbox.archiveDataSource(id)));
    }

    /** The upload's fields as the OpenAPI description shows them (the body itself is read part by part). */
    @Schema(name = "DataSourceUpload", requiredProperties = {"name", "file"})
    record UploadForm(@Schema(description = "the name its versions share") String name,
                      @Schema(description = "optional") String description,
                      @ArraySchema(minItems = 1, schema = @Schema(type = "string", format = "binary",
                              description = "one part per file")) List<byte[]> file) {
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
