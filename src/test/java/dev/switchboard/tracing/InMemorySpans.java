package dev.switchboard.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The span exporter of the tests: Quarkus exports to a CDI {@code SpanExporter} bean when one exists. */
@ApplicationScoped
public class InMemorySpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @ApplicationScoped
    InMemorySpanExporter exporter() {
        return exporter;
    }
}
