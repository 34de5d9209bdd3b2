package io.steward.api.apex;

import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.steward.dispatch.job.UnitJobs;
import io.steward.dispatch.job.UpscaleTasks;

import java.util.Map;
import java.util.Set;

/**
 * The APEx WebSockets, {@code ?token=…&interval=…}: thin, the pushes are {@link StatusPushes}'s. What they push is
 * what the matching GET answers.
 */
final class ApexStatusSockets {
    private ApexStatusSockets() {
    }

    /** {@code /ws/jobs_status?filter=…}: the {@code JobsStatusResponse} of {@code GET /jobs_status}. */
    @ServerWebSocket("${steward.apex.path:/apex}/ws/jobs_status")
    static class JobsStatus {
        private final StatusPushes pushes;
        private final UnitJobs jobs;
        private final UpscaleTasks tasks;

        JobsStatus(StatusPushes pushes, UnitJobs jobs, UpscaleTasks tasks) {
            this.pushes = pushes;
            this.jobs = jobs;
            this.tasks = tasks;
        }

        @OnOpen
        void open(WebSocketSession session) {
            pushes.open(session, Map.of(), caller -> {
                Set<String> filters = ApexBodies.filters(session.getRequestParameters().getAll("filter"));
                return () -> ApexController.jobsStatus(jobs, tasks, filters);
            });
        }

        @OnMessage
        void message(String ignored, WebSocketSession session) {
            // Nothing is read from the client: the socket only pushes.
        }

        @OnClose
        void close(WebSocketSession session) {
            pushes.close(session);
        }
    }

    /** {@code /ws/upscale_tasks/{task_id}}: the {@code UpscalingTask} of {@code GET /upscale_tasks/{id}}. */
    @ServerWebSocket("${steward.apex.path:/apex}/ws/upscale_tasks/{taskId}")
    static class UpscaleTask {
        private final StatusPushes pushes;
        private final UpscaleTasks tasks;

        UpscaleTask(StatusPushes pushes, UpscaleTasks tasks) {
            this.pushes = pushes;
            this.tasks = tasks;
        }

        @OnOpen
        void open(String taskId, WebSocketSession session) {
            Object shown = taskId.matches("[0-9]{1,18}") ? (Object) Long.parseLong(taskId) : taskId;
            pushes.open(session, Map.of("task_id", shown), caller -> {
                long id = ApexBodies.pathId("task_id", taskId);
                return () -> ApexController.task(tasks.get(id));
            });
        }

        @OnMessage
        void message(String ignored, WebSocketSession session) {
            // Nothing is read from the client: the socket only pushes.
        }

        @OnClose
        void close(WebSocketSession session) {
            pushes.close(session);
        }
    }
}
