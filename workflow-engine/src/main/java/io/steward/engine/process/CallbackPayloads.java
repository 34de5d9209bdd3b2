package io.steward.engine.process;

import java.util.Map;

/** How the API that accepted a job renders what its subscriber is sent (the engine knows no wire format). */
public interface CallbackPayloads {
    /** The job's status document, sent when it starts running and when it fails. */
    String statusInfo(Job job);

    /** The results document, sent when the job succeeds. */
    String results(Job job, Map<String, Object> results);

    /** No callbacks: for jobs whose request names no subscriber. */
    CallbackPayloads NONE = new CallbackPayloads() {
        @Override
        public String statusInfo(Job job) {
            return "{}";
        }

        @Override
        public String results(Job job, Map<String, Object> results) {
            return "{}";
        }
    };
}
