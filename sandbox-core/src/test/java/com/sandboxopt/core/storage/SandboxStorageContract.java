package com.sandboxopt.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SandboxStorage} must do, as JUnit 5 tests: the contract of each concern ({@link ModelStoreContract},
 * {@link JobStoreContract}, {@link LogStoreContract}, {@link MetricStoreContract}) plus a closed storage's answers. A
 * subclass supplies a fresh, empty storage per test; {@link #storage} is closed after each test. Published in
 * sandbox-core's test jar (classifier {@code tests}), so another storage can be checked the same way:
 * {@code class MyStorageTest extends SandboxStorageContract}; a back end of one concern can implement that
 * concern's contract alone.
 */
public abstract class SandboxStorageContract
        implements ModelStoreContract, JobStoreContract, LogStoreContract, MetricStoreContract {

    protected SandboxStorage storage;

    /** A new storage over an empty database. */
    protected abstract SandboxStorage createStorage();

    @Override
    public SandboxStorage storage() {
        return storage;
    }

    @BeforeEach
    public void openStorage() {
        storage = createStorage();
    }

    @AfterEach
    public void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    public void failsWithStorageFailureOnceClosedAndClosesOnlyOnce() {
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.findModel("any"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageContaining("closed");
    }

    /** About 3 MiB of UTF-8 mixing 1-, 2-, 3- and 4-byte characters, line breaks and quotes. */
    protected static String multiMegabyteUnicodeSource() {
        return StorageContractSupport.multiMegabyteUnicodeSource();
    }
}
