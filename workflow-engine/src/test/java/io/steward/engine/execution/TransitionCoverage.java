package io.steward.engine.execution;

import io.steward.engine.execution.ExecutionTransitions.Row;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Coverage guard for the transition table: after the test class, fails when some row of
 * {@link ExecutionTransitions#rows()} was never used through {@link #next}. A row added to the table without the
 * matrix exercising it, or a matrix whose inputs stop covering a status or an event, breaks the build here.
 *
 * <p>The guard only judges runs in which the matrix ran, so that running one scenario test on its own from an IDE
 * does not fail for rows that test never meant to visit.
 */
final class TransitionCoverage implements AfterAllCallback {
    private static final Set<Row> VISITED = ConcurrentHashMap.newKeySet();
    private static volatile boolean matrixRan;

    /** {@link ExecutionTransitions#next}, recording the row it used, if any. */
    static Optional<ExecutionStatus> next(ExecutionStatus from, ExecutionEvent event) {
        Optional<ExecutionStatus> to = ExecutionTransitions.next(from, event);
        to.ifPresent(target -> VISITED.add(new Row(from, event, target)));
        return to;
    }

    /** Called by the matrix test: from now on the guard is armed. */
    static void matrixRunning() {
        matrixRan = true;
    }

    static List<Row> unvisited(List<Row> rows, Set<Row> visited) {
        return rows.stream().filter(row -> !visited.contains(row)).toList();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!matrixRan) {
            return;
        }
        List<Row> missing = unvisited(ExecutionTransitions.rows(), VISITED);
        if (!missing.isEmpty()) {
            throw new AssertionError("These transition rows were never exercised by the matrix test; add them to its"
                    + " expected table or fix its inputs: " + missing.stream()
                    .map(row -> row.from().wire() + " --" + row.event().label() + "--> " + row.to().wire())
                    .collect(Collectors.joining(", ")));
        }
    }
}
