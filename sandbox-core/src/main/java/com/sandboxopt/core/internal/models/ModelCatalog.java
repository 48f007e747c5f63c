package com.sandboxopt.core.internal.models;

import com.sandboxopt.core.internal.util.Ids;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.internal.runtime.RuntimeChooser;
import com.sandboxopt.core.internal.runtime.Runtimes;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.validation.ModelValidator;
import com.sandboxopt.core.storage.ModelStore;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** Upload (validate, then store) and archive models. */
public final class ModelCatalog {
    private final ModelStore storage;
    private final ModelValidator validator;
    private final Runtimes runtimes;
    private final Object clock = new Object();
    private final Object versions = new Object();
    private long lastMillis;

    public ModelCatalog(ModelStore storage, ModelValidator validator, Runtimes runtimes) {
        this.storage = storage;
        this.validator = validator;
        this.runtimes = runtimes;
    }

    /**
     * Checks what needs no parser, picks the runtime (which may refuse), checks the syntax with that runtime's
     * parser, then stores: nothing is stored when any of them fails.
     */
    public Model upload(ModelUpload upload, Function<String, RuntimeChooser.Choice> runtime) {
        ModelValidator.DecodedModel decoded = validator.decode(upload);
        RuntimeChooser.Choice choice = runtime.apply(decoded.source());
        ModelValidator.ValidModel valid = validator.check(decoded, runtimes.get(choice.kind())::checkSource);
        Map<String, Object> defaults = upload.configDefaults() != null ? upload.configDefaults() : valid.configDefaults();
        synchronized (versions) { // two uploads of one file name here must not take the same version
            Instant at = uniqueInstant();
            int version = storage.latestModelVersion(upload.type(), valid.fileName()) + 1;
            Model model = new Model(Ids.modelId(), Ids.storedModelName(upload.type(), at, valid.fileName()),
                    valid.fileName(), upload.type(), ModelStatus.ACTIVE, upload.description(),
                    upload.content().length, at, choice.kind(), choice.reason(), version, defaults,
                    upload.owner());
            storage.insertModel(model, valid.source());
            return model;
        }
    }

    public Model get(String id) {
        return storage.findModel(id).orElseThrow(() -> notFound(id));
    }

    public Model archive(String id) {
        Model model = get(id);
        storage.updateModelStatus(id, ModelStatus.ARCHIVED);
        return model.withStatus(ModelStatus.ARCHIVED);
    }

    public Model restore(String id) {
        Model model = get(id);
        storage.updateModelStatus(id, ModelStatus.ACTIVE);
        return model.withStatus(ModelStatus.ACTIVE);
    }

    public String source(String id) {
        return storage.findModelSource(id).orElseThrow(() -> notFound(id));
    }

    public static SandboxException notFound(String id) {
        return new SandboxException(ErrorCode.MODEL_NOT_FOUND, "No model with id '" + id + "': list models to see their ids");
    }

    /** Stored names carry epoch millis; two uploads of one file name in one millisecond must still differ. */
    private Instant uniqueInstant() {
        synchronized (clock) {
            long now = Math.max(System.currentTimeMillis(), lastMillis + 1);
            lastMillis = now;
            return Instant.ofEpochMilli(now);
        }
    }
}
