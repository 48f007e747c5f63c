package com.sandboxopt.core.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobInputs;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ModelStore} must do: models, their sources and versions. */
public interface ModelStoreContract extends StorageContractSupport {

    @Test
    default void storesAModelAndFindsItById() {
        Model model = aModel().ofType(ModelType.RMO).withDescription("Zürich – 日本").withSizeBytes(1234).build();

        storage().insertModel(model, "print('hi')\n");

        assertThat(storage().findModel(model.id())).contains(model);
        assertThat(storage().findModelSource(model.id())).contains("print('hi')\n");
    }

    @Test
    default void keepsAModelsVersionAndConfigDefaultsAndKnowsTheLatestVersionOfAFileName() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("hours", 24);
        defaults.put("solver", null);
        defaults.put("weights", List.of(1.5, 2));
        Model v1 = aModel().withFileName("dmo.py").version(1).build();
        Model v2 = aModel().withFileName("dmo.py").version(2).uploadedAt(T0.plusSeconds(1)).withConfigDefaults(defaults)
                .withStatus(ModelStatus.ARCHIVED).build();
        Model otherType = aModel().withFileName("dmo.py").ofType(ModelType.SO).version(7).build();
        storage().insertModel(v1, "x = 1\n");
        storage().insertModel(v2, "x = 2\n");
        storage().insertModel(otherType, "x = 3\n");

        assertThat(storage().findModel(v2.id())).contains(v2);
        assertThat(storage().findModel(v2.id()).orElseThrow().configDefaults()).containsExactlyEntriesOf(defaults);
        assertThat(storage().latestModelVersion(ModelType.DMO, "dmo.py")).isEqualTo(2); // archived ones count
        assertThat(storage().latestModelVersion(ModelType.SO, "dmo.py")).isEqualTo(7);
        assertThat(storage().latestModelVersion(ModelType.DMO, "other.py")).isZero();
    }

    @Test
    default void refusesASecondModelWithTheSameFileNameTypeAndVersion() {
        storage().insertModel(aModel().withFileName("same.py").version(3).build(), "x = 1\n");
        Model clash = aModel().withFileName("same.py").version(3).uploadedAt(T0.plusSeconds(5)).build();

        assertThatThrownBy(() -> storage().insertModel(clash, "x = 2\n")).isInstanceOf(SandboxException.class);
        assertThat(storage().findModel(clash.id())).isEmpty();
    }

    @Test
    default void keepsTheRuntimeOfAModelAndOfAJob() {
        Model model = aModel().runningOn(RuntimeKind.CPYTHON, "auto: it imports numpy").build();
        storage().insertModel(model, "import numpy\n");
        Job job = aJob(model.id()).runningOn(RuntimeKind.CPYTHON).build();
        storage().insertJob(job);

        assertThat(storage().findModel(model.id())).contains(model);
        assertThat(storage().findJob(job.id())).get().extracting(found -> found.placement().runtime())
                .isEqualTo(RuntimeKind.CPYTHON);
    }

    @Test
    default void versionsDataSourcesByNameAndKeepsTheirFilesInOrder() {
        java.time.Instant at = java.time.Instant.parse("2026-12-01T10:00:00.123456Z");
        java.util.List<com.sandboxopt.core.DataFile> files = java.util.List.of(
                new com.sandboxopt.core.DataFile("offers.csv", 10, "a".repeat(64)),
                new com.sandboxopt.core.DataFile("bids.csv", 20, "b".repeat(64)));
        com.sandboxopt.core.DataSource first = storage().insertDataSource(new com.sandboxopt.core.DataSource("ds_1_aaaaaa",
                "market", 0, "first", files, 30, at, com.sandboxopt.core.DataSourceStatus.ACTIVE));
        com.sandboxopt.core.DataSource second = storage().insertDataSource(new com.sandboxopt.core.DataSource("ds_2_bbbbbb",
                "market", 0, null, files.subList(1, 2), 20, at.plusSeconds(1), com.sandboxopt.core.DataSourceStatus.ACTIVE));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(storage().findDataSource("ds_1_aaaaaa")).contains(first);
        assertThat(storage().findLatestDataSource("market")).contains(second);
        assertThat(storage().listDataSources(com.sandboxopt.core.DataSourceQuery.versionsOf("market")))
                .extracting(com.sandboxopt.core.DataSource::id).containsExactly("ds_2_bbbbbb", "ds_1_aaaaaa");
        assertThat(storage().updateDataSourceStatus("ds_1_aaaaaa", com.sandboxopt.core.DataSourceStatus.ARCHIVED)).isTrue();
        assertThat(storage().listDataSources(new com.sandboxopt.core.DataSourceQuery(null,
                com.sandboxopt.core.DataSourceStatus.ARCHIVED))).extracting(com.sandboxopt.core.DataSource::id)
                .containsExactly("ds_1_aaaaaa");
        assertThat(storage().updateDataSourceStatus("ds_9_nonono", com.sandboxopt.core.DataSourceStatus.ARCHIVED)).isFalse();
    }

    @Test
    default void keepsAJobsArtifactsAndItsAliasedDataSources() {
        Model model = aModel().build();
        storage().insertModel(model, "pass");
        Job plain = aJob(model.id()).build();
        JobInputs inputs = new JobInputs(plain.inputs().config(), "ds_1_aaaaaa", Map.of("units", "ds_2_bbbbbb"));
        Job job = new Job(plain.id(), plain.model(), inputs, plain.placement(), plain.times(), plain.outcome(), plain.origin());
        storage().insertJob(job);
        storage().insertArtifacts(job.id(), java.util.List.of(
                new com.sandboxopt.core.Artifact("prices.csv", 5, "c".repeat(64), "text/csv"),
                new com.sandboxopt.core.Artifact("plots/a.svg", 6, "d".repeat(64), "image/svg+xml")));

        assertThat(storage().findJob(job.id())).get().satisfies(found -> {
            assertThat(found.inputs().dataSourceId()).isEqualTo("ds_1_aaaaaa");
            assertThat(found.inputs().dataSources()).containsExactly(java.util.Map.entry("units", "ds_2_bbbbbb"));
        });
        assertThat(storage().listArtifacts(job.id())).extracting(com.sandboxopt.core.Artifact::name)
                .containsExactly("plots/a.svg", "prices.csv");
        assertThat(storage().listArtifacts("no-such-job")).isEmpty();
    }

    @Test
    default void storesAnEmptyDescriptionForAModelWithoutOne() {
        Model model = aModel().withDescription(null).build();

        storage().insertModel(model, "pass");

        assertThat(storage().findModel(model.id())).get().extracting(Model::description).isEqualTo("");
    }

    @Test
    default void findsNothingForAnUnknownModel() {
        assertThat(storage().findModel("no-such-model")).isEmpty();
        assertThat(storage().findModelSource("no-such-model")).isEmpty();
    }

    @Test
    default void roundTripsAMultiMegabyteUnicodeSource() {
        String source = StorageContractSupport.multiMegabyteUnicodeSource();
        Model model = aModel().build();

        storage().insertModel(model, source);

        assertThat(storage().findModelSource(model.id())).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(source));
    }

    @Test
    default void rejectsADuplicateModelNameWithStorageFailure() {
        Model first = aModel().withFileName("same.py").build();
        Model second = aModel().withFileName("same.py").build();
        storage().insertModel(first, "pass");

        assertThatThrownBy(() -> storage().insertModel(second, "pass"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store model " + second.id() + ": ");
        assertThat(storage().findModel(second.id())).isEmpty();
    }

    @Test
    default void rejectsADuplicateModelIdWithStorageFailure() {
        Model first = aModel().withId("twin").build();
        Model second = aModel().withId("twin").build();
        storage().insertModel(first, "pass");

        assertThatThrownBy(() -> storage().insertModel(second, "pass"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
    }

    @Test
    default void listsModelsNewestUploadFirst() {
        Model old = insert(aModel().uploadedAt(T0));
        Model newest = insert(aModel().uploadedAt(T0.plusSeconds(60)));
        Model middle = insert(aModel().uploadedAt(T0.plusSeconds(30)));

        assertThat(storage().listModels(ModelQuery.all())).containsExactly(newest, middle, old);
    }

    @Test
    default void breaksTiesBetweenModelsUploadedAtTheSameInstantById() {
        Model b = insert(aModel().withId("b-model"));
        Model a = insert(aModel().withId("a-model"));

        assertThat(storage().listModels(ModelQuery.all())).containsExactly(a, b);
    }

    @Test
    default void listsModelsFilteredByTypeAndStatus() {
        Model activeDmo = insert(aModel().ofType(ModelType.DMO).uploadedAt(T0.plusSeconds(1)));
        Model archivedDmo = insert(aModel().ofType(ModelType.DMO).withStatus(ModelStatus.ARCHIVED).uploadedAt(T0.plusSeconds(2)));
        Model activeSo = insert(aModel().ofType(ModelType.SO).uploadedAt(T0.plusSeconds(3)));

        assertThat(storage().listModels(new ModelQuery(ModelType.DMO, null))).containsExactly(archivedDmo, activeDmo);
        assertThat(storage().listModels(new ModelQuery(null, ModelStatus.ACTIVE))).containsExactly(activeSo, activeDmo);
        assertThat(storage().listModels(new ModelQuery(ModelType.DMO, ModelStatus.ACTIVE))).containsExactly(activeDmo);
        assertThat(storage().listModels(new ModelQuery(ModelType.RMO, null))).isEmpty();
    }

    @Test
    default void countsModelsPerTypeWithZeroForTypesWithoutModels() {
        assertThat(storage().countModels(null))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 0L, ModelType.RMO, 0L, ModelType.SO, 0L));

        insert(aModel().ofType(ModelType.DMO));
        insert(aModel().ofType(ModelType.DMO).withStatus(ModelStatus.ARCHIVED));
        insert(aModel().ofType(ModelType.SO));

        assertThat(storage().countModels(null))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 2L, ModelType.RMO, 0L, ModelType.SO, 1L));
        assertThat(storage().countModels(ModelStatus.ACTIVE))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 1L, ModelType.RMO, 0L, ModelType.SO, 1L));
        assertThat(storage().countModels(ModelStatus.ARCHIVED))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 1L, ModelType.RMO, 0L, ModelType.SO, 0L));
    }

    @Test
    default void archivesAModelAndReportsFalseForAnUnknownOne() {
        Model model = insert(aModel());

        assertThat(storage().updateModelStatus(model.id(), ModelStatus.ARCHIVED)).isTrue();
        assertThat(storage().findModel(model.id())).contains(model.withStatus(ModelStatus.ARCHIVED));
        assertThat(storage().updateModelStatus(model.id(), ModelStatus.ACTIVE)).isTrue();
        assertThat(storage().findModel(model.id())).contains(model);

        assertThat(storage().updateModelStatus("no-such-model", ModelStatus.ARCHIVED)).isFalse();
    }
}
