package com.sandboxopt.core.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.Model;

/** What the storage contracts share: the storage under test and helpers that put a model or a job in it. */
public interface StorageContractSupport {

    /** The storage under test: fresh and empty at the start of each test. */
    SandboxStorage storage();

    default Model insert(StorageFixtures.ModelBuilder builder) {
        Model model = builder.build();
        storage().insertModel(model, "# source of " + model.id() + "\n");
        return model;
    }

    default Job insertJob(StorageFixtures.JobBuilder builder) {
        Job job = builder.build();
        storage().insertJob(job);
        return job;
    }

    /** About 3 MiB of UTF-8 mixing 1-, 2-, 3- and 4-byte characters, line breaks and quotes. */
    static String multiMegabyteUnicodeSource() {
        StringBuilder source = new StringBuilder();
        int i = 0;
        while (source.length() < 1_500_000) {
            source.append("x_").append(i++).append(" = \"ÄÖÜ ß € 漢字 🚀 𝄞 \\\"quoted\\\" '\"\n");
        }
        return source.toString();
    }
}
