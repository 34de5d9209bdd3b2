package io.steward.api.cloudify;

import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.LabelWire;
import io.steward.engine.label.Label;
import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cloudify's {@code PATCH /blueprints/{id}}: which of the keys it accepts Steward applies. The ones its upload
 * workflow writes (plan, state, error, …) are Steward's own parse's to write; owner changes are not supported yet.
 * Each is refused by name, never ignored. {@code labels} ({@code [{key: value}, …]}) replace the whole list.
 */
final class BlueprintUpdates {
    private static final List<String> CLOUDIFY_KEYS = List.of("plan", "requirements", "description",
            "main_file_name", "visibility", "state", "error", "error_traceback", "labels", "creator", "created_at",
            "upload_execution");
    private static final Set<String> WRITTEN_BY_THE_PARSE = Set.of("plan", "requirements", "main_file_name", "state",
            "error", "error_traceback", "upload_execution", "created_at");

    private BlueprintUpdates() {
    }

    static Blueprint apply(BlueprintService blueprints, String id, Map<String, Object> body) {
        // A blueprint that is not there is 404 whatever the body says.
        Blueprint current = blueprints.get(id);
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Update a blueprint request must include at "
                    + "least one parameter to update");
        }
        Set<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(CLOUDIFY_KEYS);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Unknown parameters: " + unknown + ". Allowed: " + CLOUDIFY_KEYS);
        }
        Set<String> refused = new TreeSet<>(body.keySet());
        refused.retainAll(WRITTEN_BY_THE_PARSE);
        if (!refused.isEmpty()) {
            throw new InvalidInputException(refused + ": written by Steward's parse of the blueprint, not settable");
        }
        if (body.containsKey("creator")) {
            throw new InvalidInputException("creator: not supported by Steward's blueprint update yet");
        }
        List<Label.Wanted> labels = LabelWire.parse(body.get("labels"));
        if (body.containsKey("labels") && labels == null) {
            throw new InvalidInputException("labels must be a list of {key: value} objects, got null");
        }
        Blueprint updated = current;
        if (labels != null) {
            updated = blueprints.updateLabels(id, labels);
        }
        if (body.containsKey("visibility")) {
            String visibility = JsonBody.of(body).optionalString("visibility");
            if (visibility == null) {
                throw new InvalidInputException("visibility must be one of [tenant, global], got null");
            }
            updated = blueprints.setVisibility(id, io.steward.tenancy.scope.Visibility.of(visibility));
        }
        if (body.containsKey("description")) {
            updated = blueprints.updateDescription(id, JsonBody.of(body).optionalString("description"));
        }
        return updated;
    }
}
