package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.Audit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No code path can change or delete an audit entry: the public interface only appends and reads, one class names the
 * table, and it holds no UPDATE or DELETE (the database refuses them anyway: UsersAndAuditContract).
 */
class AuditCodePathsTest {
    private static final Path MAIN = Path.of("src/main");

    @Test
    void theAuditInterfaceOnlyAppendsAndReads() {
        assertThat(Arrays.stream(Audit.class.getDeclaredMethods()).map(Method::getName))
                .containsExactlyInAnyOrder("record", "find");
    }

    @Test
    void onlyTheAuditTableNamesTheTableAndItNeverUpdatesOrDeletes() throws IOException {
        List<Path> naming;
        try (Stream<Path> files = Files.walk(MAIN)) {
            naming = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("audit_entry")).toList();
        }
        assertThat(naming).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("AuditTable.java", "SchemaMigration.java");
        String table = read(MAIN.resolve("java/com/sandboxopt/core/internal/storage/AuditTable.java"))
                .toUpperCase(Locale.ROOT);
        assertThat(table).contains("INSERT INTO AUDIT_ENTRY").doesNotContain("UPDATE ").doesNotContain("DELETE ")
                .doesNotContain("TRUNCATE").doesNotContain("DROP ");
        String migration = read(MAIN.resolve("java/com/sandboxopt/core/internal/storage/SchemaMigration.java"));
        assertThat(migration).contains("BEFORE UPDATE, DELETE ON audit_entry").contains("BEFORE UPDATE OR DELETE ON"
                + " audit_entry");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
