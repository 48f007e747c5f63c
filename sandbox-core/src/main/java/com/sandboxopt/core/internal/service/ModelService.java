package com.sandboxopt.core.internal.service;

import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Models;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.internal.assembly.SandboxParts;
import com.sandboxopt.core.internal.runtime.ImportScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Models} over the catalog: an upload also prepares what the model's first run needs. */
public final class ModelService implements Models {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final SandboxParts parts;
    private final RuntimeKind defaultRuntime;

    public ModelService(SandboxParts parts, RuntimeKind defaultRuntime) {
        this.parts = parts;
        this.defaultRuntime = defaultRuntime;
    }

    @Override
    public Model upload(ModelUpload upload) {
        RuntimeKind requested = upload.runtime() != null ? upload.runtime() : defaultRuntime;
        Model model = parts.models().upload(upload, source -> parts.chooser().choose(requested, source));
        prepareFor(model, new String(upload.content(), StandardCharsets.UTF_8));
        parts.scheduler().refreshPreparedContexts(); // its first run finds its imports done
        return model;
    }

    /** After a restart, the newest stored models' imports are what the first contexts prepare. */
    public void learnFromStoredModels() {
        try {
            List<Model> newest = parts.storage().listModels(new ModelQuery(null, ModelStatus.ACTIVE));
            for (int i = Math.min(8, newest.size()) - 1; i >= 0; i--) { // oldest first: the newest end up most recent
                Model model = newest.get(i);
                parts.runtimes().use(model.runtime());
                prepareFor(model, parts.models().source(model.id()));
            }
            parts.scheduler().refreshPreparedContexts();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the stored models' imports; contexts start without them", e);
        }
    }

    /** So that the model's first run finds its imports done and, if it solves, a solver worker started. */
    private void prepareFor(Model model, String source) {
        Set<String> imports = ImportScanner.modules(source);
        parts.runtimes().get(model.runtime()).learnImports(imports);
        if (parts.solver() != null && (imports.stream().anyMatch(m -> m.equals("pulp") || m.startsWith("pulp."))
                || source.contains("sandbox.solve") || source.contains("from sandbox import"))) {
            parts.solver().prepare();
        }
    }

    @Override
    public Model get(String id) {
        return parts.models().get(id);
    }

    @Override
    public Optional<Model> find(String id) {
        return parts.storage().findModel(id);
    }

    @Override
    public List<Model> list(ModelQuery query) {
        return parts.storage().listModels(query == null ? ModelQuery.all() : query);
    }

    @Override
    public Map<ModelType, Long> counts(ModelStatus status) {
        return parts.storage().countModels(status);
    }

    @Override
    public String source(String id) {
        return parts.models().source(id);
    }

    @Override
    public Model archive(String id) {
        return parts.models().archive(id);
    }

    @Override
    public Model restore(String id) {
        return parts.models().restore(id);
    }
}
