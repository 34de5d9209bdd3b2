package io.steward.engine.process;

import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes a caller can see: Steward's built-in ones (every tenant) and those deployed in the caller's tenant.
 * Another tenant's process is absent, exactly like a missing one.
 */
@Singleton
public class ProcessRegistry {
    private final ProcessStore store;

    ProcessRegistry(ProcessStore store) {
        this.store = store;
    }

    /** Every visible process, built-ins first, then deployed ones by deployment time. */
    public List<ProcessDefinition> list() {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        List<ProcessDefinition> all = new ArrayList<>(BuiltinProcesses.ALL);
        all.addAll(store.list());
        return all;
    }

    /** The visible process {@code id}; {@code no-such-process} otherwise. */
    public ProcessDefinition get(String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return find(id).orElseThrow(() -> ProcessException.noSuchProcess(id));
    }

    Optional<ProcessDefinition> find(String id) {
        Optional<ProcessDefinition> builtin = builtin(id);
        return builtin.isPresent() ? builtin : store.find(id).map(ProcessStore.StoredProcess::definition);
    }

    static Optional<ProcessDefinition> builtin(String id) {
        return BuiltinProcesses.ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
