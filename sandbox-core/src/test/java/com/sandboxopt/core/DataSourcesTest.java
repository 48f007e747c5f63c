package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Uploading, versioning, reading and archiving data sources through the library. */
class DataSourcesTest {
    private final Sandbox sandbox = TestSandbox.shared();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDataSourceKeepsItsFilesInOrderWithSizesAndHashes() throws Exception {
        String name = unique("market");
        DataSource stored;
        try (DataSourceDraft draft = sandbox.dataSources().draft(name, "  offers of 1 Dec  ")) {
            draft.addFile("offers.csv", bytes("unit,price\nG1,40\n"));
            draft.addFile("bids.csv", bytes("hour,price\n1,50\n"));
            stored = draft.commit();
        }

        assertThat(stored.id()).matches("ds_[0-9]+_[a-z0-9]{6}");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.description()).isEqualTo("offers of 1 Dec");
        assertThat(stored.files()).extracting(DataFile::name).containsExactly("offers.csv", "bids.csv");
        assertThat(stored.sizeBytes()).isEqualTo(17 + 16);
        assertThat(stored.file("bids.csv").orElseThrow().sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes("hour,price\n1,50\n"))));
        assertThat(sandbox.dataSources().get(stored.id())).isEqualTo(stored);
        assertThat(sandbox.dataSources().get(name)).isEqualTo(stored);
        try (InputStream in = sandbox.dataSources().openFile(name, "offers.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("unit,price\nG1,40\n");
        }
    }

    @Test
    void uploadingUnderTheSameNameMakesTheNextVersion() {
        String name = unique("load");
        DataSource v1 = sandbox.dataSources().upload(name, null, Map.of("load.csv", bytes("1")));
        DataSource v2 = sandbox.dataSources().upload(name, null, Map.of("load.csv", bytes("2")));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(sandbox.dataSources().get(name).id()).isEqualTo(v2.id());
        assertThat(sandbox.dataSources().list(DataSourceQuery.versionsOf(name))).extracting(DataSource::id)
                .containsExactly(v2.id(), v1.id());
        assertThat(sandbox.dataSources().get(v1.id()).version()).isEqualTo(1);
    }

    @Test
    void namesWithFoldersAreReducedToTheirLastPart() {
        DataSource stored = sandbox.dataSources().upload(unique("paths"), null,
                Map.of("../../etc/passwd", bytes("x"), "C:\\Users\\me\\units.csv", bytes("y")));

        assertThat(stored.files()).extracting(DataFile::name).containsExactlyInAnyOrder("passwd", "units.csv");
    }

    @Test
    void badFileNamesAndDuplicatesAreRefusedAndNothingIsStored() {
        String name = unique("bad");
        for (String fileName : new String[] {"..", "", "dir/", ".hidden", "tab\there.csv"}) {
            assertThatThrownBy(() -> sandbox.dataSources().upload(name, null, Map.of(fileName, bytes("x"))))
                    .as(fileName).isInstanceOfSatisfying(SandboxException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        try (DataSourceDraft draft = sandbox.dataSources().draft(name, null)) {
            draft.addFile("a/bids.csv", bytes("1"));
            assertThatThrownBy(() -> draft.addFile("b/bids.csv", bytes("2")))
                    .isInstanceOfSatisfying(SandboxException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("Two files are named 'bids.csv'");
                    });
        }
        assertThat(sandbox.dataSources().list(DataSourceQuery.versionsOf(name))).isEmpty();
        assertThat(sandbox.dataSources().find(name)).isEmpty();
    }

    @Test
    void badNamesOfDataSourcesAreRefused() {
        for (String name : new String[] {"", "../x", "a b", "ds_1733000000000_abcdef", "-x"}) {
            assertThatThrownBy(() -> sandbox.dataSources().draft(name, null)).as(name)
                    .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void aStreamedHundredMebibyteUploadNeitherFillsTheHeapNorPassesTheCap() throws IOException {
        String name = unique("big");
        long size = SandboxBuilder.DEFAULT_MAX_DATA_SOURCE_BYTES;
        HeapWatchingStream exact = new HeapWatchingStream(size);
        System.gc();
        long baseline = usedHeap();

        DataSource stored;
        try (DataSourceDraft draft = sandbox.dataSources().draft(name, null)) {
            draft.addFile("prices.bin", exact);
            stored = draft.commit();
        }

        assertThat(stored.sizeBytes()).isEqualTo(size);
        assertThat(exact.peakUsedHeap - baseline).as("heap growth while 100 MiB streamed in")
                .isLessThan(48L << 20);
        assertThatThrownBy(() -> {
            try (DataSourceDraft draft = sandbox.dataSources().draft(name, null)) {
                draft.addFile("prices.bin", new HeapWatchingStream(size + 1));
            }
        }).isInstanceOfSatisfying(SandboxException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
            assertThat(e.getMessage()).contains("larger than 100 MiB");
        });
        assertThat(sandbox.dataSources().list(DataSourceQuery.versionsOf(name))).hasSize(1);
        try (Stream<Path> staged = Files.walk(TestSandbox.dataDirectory(sandbox).resolve("files").resolve("staging"))) {
            assertThat(staged.filter(Files::isRegularFile)).as("nothing left staged").isEmpty();
        }
    }

    @Test
    void archivingKeepsTheDataSourceReadable() {
        DataSource stored = sandbox.dataSources().upload(unique("old"), null, Map.of("a.csv", bytes("a")));

        DataSource archived = sandbox.dataSources().archive(stored.id());

        assertThat(archived.status()).isEqualTo(DataSourceStatus.ARCHIVED);
        assertThat(sandbox.dataSources().get(stored.id()).status()).isEqualTo(DataSourceStatus.ARCHIVED);
        assertThat(sandbox.dataSources().openFile(stored.id(), "a.csv")).isNotNull();
        assertThatThrownBy(() -> sandbox.dataSources().openFile(stored.id(), "b.csv"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
        assertThatThrownBy(() -> sandbox.dataSources().get("never-uploaded"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_NOT_FOUND));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Generates its bytes as they are read, noting the highest heap use seen meanwhile. */
    private static final class HeapWatchingStream extends InputStream {
        private long left;
        long peakUsedHeap;

        HeapWatchingStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((left - i) * 31);
            }
            left -= n;
            peakUsedHeap = Math.max(peakUsedHeap, usedHeap());
            return n;
        }
    }
}
