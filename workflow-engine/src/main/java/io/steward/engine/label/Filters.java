package io.steward.engine.label;

import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.FilterRule;
import io.steward.tenancy.store.FilterRules;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.tenant.Names;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saved filters of deployments and blueprints, and the checks every filter rule passes (saved or sent with a
 * search): which attributes each kind may be filtered on, which operators each rule type takes.
 */
@Singleton
public class Filters {
    /** Cloudify's {@code allowed_filter_attrs} that Steward stores (no schedules yet). */
    private static final Map<LabelledKind, Set<String>> ATTRIBUTES = Map.of(
            LabelledKind.DEPLOYMENT, Set.of("id", "blueprint_id", "created_by", "tenant_name", "display_name",
                    "installation_status", "site_name"),
            LabelledKind.BLUEPRINT, Set.of("id", "state", "created_by", "tenant_name"));

    private final FilterStore store;
    private final Clock clock;

    Filters(FilterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The rules, each checked against the kind's attributes and Cloudify's operator rules; label keys lower-cased. */
    public static List<FilterRule> checked(LabelledKind kind, List<FilterRule> rules) {
        rules.forEach(rule -> FilterRules.check(rule, ATTRIBUTES.get(kind)));
        return rules.stream().map(r -> r.type() == FilterRule.Type.LABEL
                ? new FilterRule(r.key().toLowerCase(java.util.Locale.ROOT), r.values(), r.operator(), r.type())
                : r).toList();
    }

    /** The labels table label rules of this kind read. */
    public static FilterRules.LabelTable labelTable(LabelledKind kind) {
        return new FilterRules.LabelTable(kind.table, kind.resourceColumn);
    }

    public SavedFilter create(LabelledKind kind, String id, List<FilterRule> rules, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.FILTER_MANAGE);
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Names.require("filter_id", id);
        EngineLengths.FILTER_ID.require(id);
        if (id.startsWith("csys-")) {
            throw new InvalidInputException("Filter ids starting with `csys-` are reserved for system filters");
        }
        List<FilterRule> checkedRules = checked(kind, rules);
        if (store.idTaken(kind, id)) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "filter with id `" + id + "` already exists");
        }
        Instant now = clock.instant();
        SavedFilter filter = new SavedFilter(id, kind, caller.tenant(), visibility, caller.username(), now, now,
                checkedRules);
        store.insert(filter);
        return get(kind, id);
    }

    public SavedFilter get(LabelledKind kind, String id) {
        requireList(kind);
        return store.find(kind, id).orElseThrow(() -> new NotFoundException("Filter", id));
    }

    public Page<SavedFilter> list(LabelledKind kind, ListQuery query) {
        requireList(kind);
        return store.list(kind, query);
    }

    /** Changes the rules and/or visibility (null: unchanged); a wider visibility only, as in Cloudify. */
    public SavedFilter update(LabelledKind kind, String id, List<FilterRule> rules, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.FILTER_MANAGE);
        if (rules == null && visibility == null) {
            throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Update a filter request must include at least"
                    + " one parameter to update");
        }
        SavedFilter current = owned(kind, id, caller);
        Map<String, Object> changes = new LinkedHashMap<>();
        if (rules != null) {
            changes.put("rules", checked(kind, rules));
        }
        if (visibility != null && visibility != current.visibility()) {
            if (visibility.ordinal() < current.visibility().ordinal()) {
                throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Filter `" + id + "` already has a wider"
                        + " visibility (" + current.visibility().wire() + ")");
            }
            if (visibility == Visibility.GLOBAL) {
                caller.require(Permission.CREATE_GLOBAL_RESOURCE);
            }
            changes.put("visibility", visibility.wire());
        }
        changes.put("updated_at", clock.instant());
        store.update(kind, id, changes);
        return get(kind, id);
    }

    public void delete(LabelledKind kind, String id) {
        Caller caller = CallerScope.current();
        caller.require(Permission.FILTER_MANAGE);
        owned(kind, id, caller);
        store.delete(kind, id);
    }

    private SavedFilter owned(LabelledKind kind, String id, Caller caller) {
        SavedFilter current = get(kind, id);
        if (!current.tenantName().equals(caller.tenant())) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "Filter " + id + " belongs to tenant "
                    + current.tenantName() + " and cannot be changed");
        }
        return current;
    }

    private static void requireList(LabelledKind kind) {
        CallerScope.current().require(kind == LabelledKind.DEPLOYMENT ? Permission.DEPLOYMENT_LIST
                : Permission.BLUEPRINT_LIST);
    }
}
