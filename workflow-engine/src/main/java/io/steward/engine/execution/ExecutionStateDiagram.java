package io.steward.engine.execution;

import java.util.stream.Collectors;

/**
 * Draws {@link ExecutionTransitions} as a Mermaid state diagram. {@code docs/execution-states.md} is this class's
 * {@link #markdown()}, committed; a test fails when the two differ, so the picture cannot drift from the table.
 */
public final class ExecutionStateDiagram {

    private ExecutionStateDiagram() {
    }

    /** A {@code stateDiagram-v2}: one {@code [*] -->} line per initial status, then one line per row, in table order. */
    public static String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (ExecutionStatus initial : ExecutionTransitions.initialStatuses()) {
            out.append("    [*] --> ").append(initial.wire()).append(" : created\n");
        }
        for (ExecutionTransitions.Row row : ExecutionTransitions.rows()) {
            out.append("    ").append(row.from().wire()).append(" --> ").append(row.to().wire())
                    .append(" : ").append(row.event().label()).append('\n');
        }
        out.append("    classDef ended font-weight:bold,stroke-width:3px\n");
        out.append("    class ").append(ExecutionStatus.END.stream().map(ExecutionStatus::wire)
                .collect(Collectors.joining(", "))).append(" ended\n");
        return out.toString();
    }

    /** The whole of {@code docs/execution-states.md}: a title, one explanatory paragraph, and the diagram. */
    public static String markdown() {
        return "# Execution states\n"
                + "\n"
                + "Generated from `ExecutionTransitions` by `ExecutionStateDiagramTest`: do not edit by hand. Each arrow"
                + " is one row of the table, `from --> to : event`; `[*]` marks the statuses an execution is created"
                + " in (creation is not a transition). Any event not drawn from a status is refused with an"
                + " illegal-transition error, except reports from the run that arrive after the end, which are"
                + " ignored. End states (bold) are left only by resume and force-resume (from `failed` and"
                + " `cancelled`); a kill of an ended execution reaps its leftover operations and keeps its status."
                + " Cloudify's more permissive PATCH rule is a separate compatibility table, `CloudifyStatusUpdates`,"
                + " and is not drawn here.\n"
                + "\n"
                + "```mermaid\n"
                + mermaid()
                + "```\n";
    }
}
