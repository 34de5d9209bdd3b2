package io.steward.engine.deployment;

import io.steward.engine.execution.ExecutionStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Cloudify's summary of a deployment's health: {@code in_progress} while its latest execution is active or waiting,
 * {@code requires_attention} when that execution failed or the deployment is not installed, else {@code good}; the
 * worst of that and its sub-environments' and sub-services' statuses (children name it in label
 * {@code csys-obj-parent}; {@code csys-obj-type: environment} makes a child an environment, else a service).
 */
public record DeploymentStatus(String status, String environmentType, int subEnvironmentsCount,
                               String subEnvironmentsStatus, int subServicesCount, String subServicesStatus) {
    public static final String GOOD = "good";
    public static final String IN_PROGRESS = "in_progress";
    public static final String REQUIRES_ATTENTION = "requires_attention";
    public static final String PARENT_LABEL = "csys-obj-parent";
    public static final String TYPE_LABEL = "csys-obj-type";

    /** The deployment's own status, before its children count. {@code latest} is null when it has no execution. */
    public static String own(ExecutionStatus latest, String installationStatus) {
        if (latest != null && !latest.isEnd()) {
            return IN_PROGRESS;
        }
        if (latest == ExecutionStatus.FAILED || !Deployment.ACTIVE.equals(installationStatus)) {
            return REQUIRES_ATTENTION;
        }
        return GOOD;
    }

    /** The worst of the statuses given (nulls ignored), or null when none is given. */
    public static String worst(List<String> statuses) {
        List<String> order = List.of(GOOD, IN_PROGRESS, REQUIRES_ATTENTION);
        return statuses.stream().filter(Objects::nonNull).max(Comparator.comparingInt(order::indexOf)).orElse(null);
    }
}
