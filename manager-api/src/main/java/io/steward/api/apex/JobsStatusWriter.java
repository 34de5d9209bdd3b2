package io.steward.api.apex;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.steward.dispatch.job.UnitJobSummary;
import io.steward.dispatch.job.UpscaleTask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes {@code JobsStatusResponse} straight to bytes. The list holds up to 10,000 jobs: going through maps and the
 * serde layer cost most of a request (and most of it in garbage collection), and each job's parameters would be
 * parsed only to be written again, so they are copied as stored.
 */
final class JobsStatusWriter {
    private static final JsonFactory JSON = new JsonFactory();
    /** About what one job takes in the answer, so that the buffer is rarely grown (and copied) while it is written. */
    private static final int BYTES_PER_JOB = 256;

    private JobsStatusWriter() {
    }

    static byte[] write(List<UpscaleTask> upscaling, List<UnitJobSummary> processing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + BYTES_PER_JOB * (processing.size()
                + upscaling.size()));
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("upscaling_tasks");
            for (UpscaleTask task : upscaling) {
                json.writeStartObject();
                json.writeNumberField("id", task.id());
                json.writeStringField("title", task.title());
                json.writeStringField("label", task.label());
                json.writeStringField("status", task.status().wire());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("processing_jobs");
            for (UnitJobSummary job : processing) {
                json.writeStartObject();
                json.writeNumberField("id", job.id());
                json.writeStringField("title", job.title());
                json.writeStringField("label", job.label());
                json.writeStringField("status", job.status().wire());
                json.writeObjectFieldStart("service");
                json.writeStringField("endpoint", job.service().endpoint());
                json.writeStringField("application", job.service().application());
                json.writeStringField("namespace", job.service().namespace());
                json.writeEndObject();
                json.writeFieldName("parameters");
                json.writeRawValue(job.parametersJson());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
