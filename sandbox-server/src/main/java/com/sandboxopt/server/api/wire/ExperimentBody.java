package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.AcceptanceRule;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ExperimentDraft;
import com.sandboxopt.core.ExperimentInput;
import com.sandboxopt.core.SandboxException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/optimization/experiments}: the model versions, the inputs, repetitions, the baseline
 * and the acceptance rules. Read strictly as {@link ExecuteBody} is; the library checks the rest.
 */
@Serdeable
public record ExperimentBody(@NotNull(message = "is required") String name,
                             @NotNull(message = "is required") List<String> models,
                             @NotNull(message = "is required") List<Input> inputs,
                             Integer repetitions,
                             String baseline,
                             List<Rule> acceptance) {

    /** What an empty body is answered with. */
    public static final String EXAMPLE = "Send a JSON object like {\"name\": \"new block rule\", \"models\": [\"<v1>\","
            + " \"<v2>\"], \"inputs\": [{\"name\": \"monday\", \"dataSourceId\": \"dmo-market\"}], \"repetitions\": 1,"
            + " \"acceptance\": [{\"metric\": \"objective\", \"direction\": \"no-worse-min\", \"tolerance\": 0}]}";

    /** One input. */
    @Serdeable
    public record Input(String name, String dataSourceId, Map<String, String> dataSources,
                        Map<String, Object> config) {
    }

    /** One acceptance rule. */
    @Serdeable
    public record Rule(String metric, String direction, Double tolerance) {
    }

    /** What the library runs. */
    public ExperimentDraft draft() {
        if (inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "inputs must be objects like {\"name\": \"monday\","
                    + " \"dataSourceId\": \"dmo-market\"}");
        }
        List<ExperimentInput> given = inputs.stream().map(input -> new ExperimentInput(input.name(),
                input.dataSourceId(), input.dataSources(), input.config())).toList();
        List<AcceptanceRule> rules = acceptance == null ? List.of() : acceptance.stream().map(rule -> {
            if (rule == null) {
                throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "acceptance must be a list of rules like"
                        + " {\"metric\": \"objective\", \"direction\": \"no-worse-min\", \"tolerance\": 0}");
            }
            return new AcceptanceRule(rule.metric(), AcceptanceRule.Direction.parse(rule.direction()),
                    rule.tolerance() == null ? 0.0 : rule.tolerance());
        }).toList();
        return new ExperimentDraft(name, models, given, repetitions == null ? 1 : repetitions, baseline, rules);
    }

    /** A field of this body's own kinds with the wrong JSON type; null for the shared ones. */
    public static String expected(String path) {
        if (path.equals("models") || path.matches("models\\.\\d+")) {
            return "models must be a list of model ids";
        }
        if (path.equals("inputs") || path.matches("inputs\\.\\d+")) {
            return "inputs must be a list of objects like {\"name\": \"monday\", \"dataSourceId\": \"dmo-market\"}";
        }
        if (path.equals("acceptance") || path.matches("acceptance\\.\\d+(\\..*)?")) {
            return "acceptance must be a list of rules like {\"metric\": \"objective\", \"direction\":"
                    + " \"no-worse-min\", \"tolerance\": 0}";
        }
        if (path.equals("repetitions")) {
            return "repetitions must be a whole number from 1 to 100";
        }
        return null;
    }
}
