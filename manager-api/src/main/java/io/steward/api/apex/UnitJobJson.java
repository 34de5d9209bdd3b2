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
 * Writes {@code JobsStatusResponse} and {@code ProcessingJob} straight to bytes. The list holds up to 10,000 jobs:
 * going through maps and the serde layer cost most of a request (and most of it in garbage collection), and each
 * job's parameters would be parsed only to be written again, so they are copied as stored. The single job, asked for
 * thousands of times a second by pollers, is written the same way.
 */
final class UnitJobJson {
    private static final JsonFactory JSON = new JsonFactory();
    /** About what one job takes in the answer, so that the buffer is rarely grown (and copied) while it is written. */
    private static final int BYTES_PER_JOB = 256;

    private UnitJobJson() {
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
                summaryFields(json, job);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code ProcessingJob}: the summary with its creation and last-change times ({@code GET /unit_jobs/{id}}). */
    static byte[] job(UnitJobSummary job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BYTES_PER_JOB * 2);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            summaryFields(json, job);
            json.writeStringField("created", job.created().toString());
            json.writeStringField("updated", job.updated().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fields of {@code ProcessingJobSummary}, in the reference's order. */
    private static void summaryFields(JsonGenerator json, UnitJobSummary job) throws IOException {
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
    }
}
