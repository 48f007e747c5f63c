package com.sandboxopt.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportPlanTest {
    @Test
    void configuredModulesComeFirstThenTheRecentModelsOnes() {
        ImportPlan plan = new ImportPlan(List.of("math"), true);
        plan.learn(List.of("json", "math"));
        plan.learn(List.of("logging"));

        assertThat(plan.modules()).containsExactly("math", "json", "logging");
    }

    @Test
    void aModuleNoRecentModelNeededIsForgotten() {
        ImportPlan plan = new ImportPlan(List.of(), true);
        plan.learn(List.of("statistics"));
        for (int i = 1; i < ImportPlan.REMEMBERED_MODELS; i++) {
            plan.learn(List.of("json"));
        }
        assertThat(plan.modules()).containsExactly("statistics", "json");

        plan.learn(List.of());
        assertThat(plan.modules()).containsExactly("json");
    }

    @Test
    void modulesThatFailedAreNotTriedAgainConfiguredOrLearned() {
        ImportPlan plan = new ImportPlan(List.of("missing_configured", "math"), true);
        plan.learn(List.of("numpy", "json"));
        plan.failed(List.of("numpy", "missing_configured"));
        plan.learn(List.of("numpy"));

        assertThat(plan.modules()).containsExactly("math", "json");
    }

    @Test
    void withoutLearningOnlyTheConfiguredOnes() {
        ImportPlan plan = new ImportPlan(List.of("math"), false);
        plan.learn(List.of("json"));

        assertThat(plan.modules()).containsExactly("math");
    }

    @Test
    void theNumberOfLearnedModulesIsCapped() {
        ImportPlan plan = new ImportPlan(List.of(), true);
        plan.learn(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());

        assertThat(plan.modules()).hasSize(ImportPlan.MAX_LEARNED).endsWith("m99");
    }
}
