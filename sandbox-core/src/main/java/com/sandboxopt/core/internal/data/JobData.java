package com.sandboxopt.core.internal.data;

import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.internal.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data sources one job reads: one straight under {@code data/}, and any under {@code data/<alias>/}. */
public record JobData(DataSource main, Map<String, DataSource> byAlias) {
    public static final JobData NONE = new JobData(null, Map.of());

    public JobData {
        byAlias = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAlias));
    }

    public boolean isEmpty() {
        return main == null && byAlias.isEmpty();
    }

    /** Alias to the exact id, as the job records it. */
    public Map<String, String> aliasIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        byAlias.forEach((alias, source) -> ids.put(alias, source.id()));
        return ids;
    }

    /**
     * Makes the files appear in {@code dataFolder} (empty, owned by the host, read-only to the job) as
     * hard links to the stored bytes, so that a job costs no copy. Returns how many had to be copied.
     */
    public int placeInto(Path dataFolder, FileStore store) {
        int copied = 0;
        if (main != null) {
            copied += place(main, dataFolder, store);
        }
        for (Map.Entry<String, DataSource> aliased : byAlias.entrySet()) {
            Path folder = dataFolder.resolve(aliased.getKey());
            try {
                Files.createDirectory(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + folder, e);
            }
            copied += place(aliased.getValue(), folder, store);
        }
        return copied;
    }

    private static int place(DataSource source, Path folder, FileStore store) {
        int copied = 0;
        for (DataFile file : source.files()) {
            if (!store.linkTo(file.sha256(), folder.resolve(file.name()))) {
                copied++;
            }
        }
        return copied;
    }

    /** What the guest's {@code sandbox.data_source} and {@code sandbox.data_sources} show, as JSON. */
    public String guestJson() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("data_source", main == null ? null : describe(main, "data"));
        Map<String, Object> aliased = new LinkedHashMap<>();
        byAlias.forEach((alias, source) -> aliased.put(alias, describe(source, "data/" + alias)));
        view.put("data_sources", aliased);
        return Json.write(view);
    }

    private static Map<String, Object> describe(DataSource source, String path) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", source.id());
        described.put("name", source.name());
        described.put("version", source.version());
        described.put("description", source.description());
        described.put("path", path);
        List<Map<String, Object>> files = new ArrayList<>();
        for (DataFile file : source.files()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", file.name());
            one.put("size_bytes", file.sizeBytes());
            one.put("sha256", file.sha256());
            files.add(one);
        }
        described.put("files", files);
        return described;
    }
}
