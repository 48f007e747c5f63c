package com.sandboxopt.core.internal.service;

import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.DataSourceQuery;
import com.sandboxopt.core.DataSources;
import com.sandboxopt.core.internal.data.DataCatalog;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DataSources} over the data catalog. */
public final class DataSourceService implements DataSources {
    private final DataCatalog data;

    public DataSourceService(DataCatalog data) {
        this.data = data;
    }

    @Override
    public DataSourceDraft draft(String name, String description) {
        return data.newDraft(name, description);
    }

    @Override
    public DataSource upload(String name, String description, Map<String, byte[]> files) {
        try (DataSourceDraft draft = draft(name, description)) {
            files.forEach(draft::addFile);
            return draft.commit();
        }
    }

    @Override
    public DataSource get(String idOrName) {
        return data.get(idOrName);
    }

    @Override
    public Optional<DataSource> find(String idOrName) {
        return data.find(idOrName);
    }

    @Override
    public List<DataSource> list(DataSourceQuery query) {
        return data.list(query);
    }

    @Override
    public InputStream openFile(String idOrName, String fileName) {
        return data.openFile(idOrName, fileName);
    }

    @Override
    public DataSource archive(String idOrName) {
        return data.archive(idOrName);
    }
}
