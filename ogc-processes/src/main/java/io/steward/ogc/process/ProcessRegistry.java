package io.steward.ogc.process;

import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes a caller can see: Steward's built-in ones (every tenant) and those deployed in the caller's tenant.
 * Another tenant's process is absent, exactly like a missing one.
 */
@Singleton
public class ProcessRegistry {
    private final ProcessStore store;
    private final java.time.Clock clock;

    ProcessRegistry(ProcessStore store, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
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

    /**
     * Deploys a package in the caller's tenant. A built-in or already deployed id is {@code duplicated-process};
     * deploying takes the right to upload blueprints.
     */
    public ProcessDefinition deploy(ProcessPackage pkg) {
        CallerScope.current().require(Permission.BLUEPRINT_UPLOAD);
        String id = pkg.process().id();
        OgcLengths.PACKAGE_MEDIA_TYPE.require(pkg.mediaType());
        if (find(id).isPresent()) {
            throw duplicated(id);
        }
        try {
            store.insert(pkg.process(), pkg.body(), pkg.mediaType(), clock.instant());
        } catch (io.steward.tenancy.store.StorageException e) {
            if (e.isDuplicateKey()) {
                throw duplicated(id);
            }
            throw e;
        }
        return pkg.process();
    }

    /** Replaces deployed process {@code id}; a built-in is {@code immutable-process}. Running jobs run on. */
    public ProcessDefinition replace(String id, ProcessPackage pkg) {
        CallerScope.current().require(Permission.BLUEPRINT_UPLOAD);
        requireMutable(id);
        if (store.find(id).isEmpty()) {
            throw ProcessException.noSuchProcess(id);
        }
        pkg.requireId(id);
        OgcLengths.PACKAGE_MEDIA_TYPE.require(pkg.mediaType());
        if (store.replace(pkg.process(), pkg.body(), pkg.mediaType(), clock.instant()) == 0) {
            throw ProcessException.noSuchProcess(id);
        }
        return pkg.process();
    }

    /** Undeploys process {@code id}; its jobs and their results stay. */
    public void undeploy(String id) {
        CallerScope.current().require(Permission.BLUEPRINT_DELETE);
        requireMutable(id);
        if (store.delete(id) == 0) {
            throw ProcessException.noSuchProcess(id);
        }
    }

    /** The package process {@code id} was deployed from, as sent; a built-in's is made up from its definition. */
    public ProcessPackageBody packageOf(String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        Optional<ProcessDefinition> builtin = builtin(id);
        if (builtin.isPresent()) {
            return new ProcessPackageBody(null, Map.of("processDescription", Map.of("process",
                    builtin.get().description()), "executionUnit", builtin.get().unit().toJson()),
                    ProcessPackage.OGCAPPKG);
        }
        return store.find(id).map(p -> new ProcessPackageBody(p.packageBody(), null, p.packageMediaType()))
                .orElseThrow(() -> ProcessException.noSuchProcess(id));
    }

    /** A package: the text as sent ({@code text}), or for a built-in a JSON value ({@code json}). */
    public record ProcessPackageBody(String text, Map<String, Object> json, String mediaType) {
    }

    private void requireMutable(String id) {
        if (builtin(id).isPresent()) {
            throw new ProcessException(ProcessException.Reason.IMMUTABLE_PROCESS, "Process '" + id
                    + "' is built into Steward and cannot be replaced or undeployed");
        }
    }

    private static ProcessException duplicated(String id) {
        return new ProcessException(ProcessException.Reason.DUPLICATED_PROCESS, "Process '" + id
                + "' already exists; replace it with PUT /processes/" + id);
    }

    static Optional<ProcessDefinition> builtin(String id) {
        return BuiltinProcesses.ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
