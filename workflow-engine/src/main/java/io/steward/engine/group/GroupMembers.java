package io.steward.engine.group;

import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.label.Filters;
import io.steward.engine.label.LabelledKind;
import io.steward.tenancy.store.FilterRule;
import io.steward.tenancy.store.ListQuery;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deployments a group change names, as Cloudify gathers them: the listed {@code deployment_ids}, those matching
 * a saved filter ({@code filter_id}) and/or {@code filter_rules} (AND-ed, as in a search), and the members of
 * another group ({@code deployments_from_group}). Filters are read once, when the group changes: members stay
 * static, as in Cloudify, and a deployment labelled later joins only when the group is extended again.
 */
@Singleton
public class GroupMembers {
    private final DeploymentService deployments;
    private final Filters filters;
    private final DeploymentGroups groups;

    GroupMembers(DeploymentService deployments, Filters filters, DeploymentGroups groups) {
        this.deployments = deployments;
        this.filters = filters;
        this.groups = groups;
    }

    /** Where members come from; every part may be null. */
    public record Sources(List<String> deploymentIds, String filterId, List<FilterRule> filterRules,
                          String fromGroup) {
        boolean none() {
            return deploymentIds == null && filterId == null && !hasRules() && fromGroup == null;
        }

        /** The CLI sends {@code filter_rules: []} with every extend and shrink: no rules is no source. */
        boolean hasRules() {
            return filterRules != null && !filterRules.isEmpty();
        }
    }

    /** The deployments {@code sources} name, in order and once each; null when no source is given. */
    public List<String> resolve(Sources sources) {
        if (sources.none()) {
            return null;
        }
        Set<String> members = new LinkedHashSet<>();
        if (sources.deploymentIds() != null) {
            members.addAll(sources.deploymentIds());
        }
        if (sources.filterId() != null || sources.hasRules()) {
            List<FilterRule> rules = new ArrayList<>();
            if (sources.filterId() != null) {
                rules.addAll(filters.get(LabelledKind.DEPLOYMENT, sources.filterId()).rules());
            }
            if (sources.hasRules()) {
                rules.addAll(sources.filterRules());
            }
            deployments.search(rules, ListQuery.all()).page().items().stream().map(Deployment::id)
                    .forEach(members::add);
        }
        if (sources.fromGroup() != null) {
            members.addAll(groups.get(sources.fromGroup()).deploymentIds());
        }
        return List.copyOf(members);
    }
}
