package io.singlesday.platform.tracing;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace written down as a traceparent and picked up again elsewhere, with a real Brave tracer. */
class TraceHopTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();
    private final Tracing tracing = Tracing.newBuilder()
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .sampler(Sampler.NEVER_SAMPLE)
            .traceId128Bit(true)
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    finished.add(span);
                    return true;
                }
            })
            .build();
    private final Tracer tracer = new BraveTracer(tracing.tracer(),
            new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
    private final TraceHop hop = new TraceHop(() -> tracer);

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void theTracerIsAskedForUntilThereIsOneAndThenKept() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Tracer> available = new java.util.concurrent.atomic.AtomicReference<>();
        TraceHop early = new TraceHop(() -> {
            asked.incrementAndGet();
            return available.get();
        });
        assertThat(early.current()).as("no tracer yet: nothing to carry").isNull();
        available.set(tracer);
        for (int i = 0; i < 5; i++) {
            try (TraceHop.Scope scope = early.span(PARENT, "apply")) {
                assertThat(early.current()).startsWith("00-" + TRACE_ID + "-");
            }
        }
        assertThat(asked).as("asked while absent, then once").hasValue(2);
    }

    @Test
    void aSpanContinuesTheGivenTraceAsItsChildAndIsCurrentUntilClosed() {
        String inside;
        try (TraceHop.Scope scope = hop.span(PARENT, "apply stockreserved")) {
            inside = hop.current();
        }
        assertThat(inside).startsWith("00-" + TRACE_ID + "-").endsWith("-01").doesNotContain("00f067aa0ba902b7");
        assertThat(hop.current()).isNull();
        // Sampled because the caller said so, although this tracer samples nothing of its own.
        assertThat(finished).singleElement().satisfies(span -> {
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.parentId()).isEqualTo("00f067aa0ba902b7");
            assertThat(span.name()).isEqualTo("apply stockreserved");
        });
    }

    @Test
    void resumingMakesTheTraceCurrentWithoutASpanOfItsOwn() {
        try (TraceHop.Scope scope = hop.resume(PARENT)) {
            assertThat(hop.current()).isEqualTo(PARENT);
        }
        assertThat(hop.current()).isNull();
        assertThat(finished).isEmpty();
    }

    @Test
    void anUnsampledTraceStaysUnsampled() {
        try (TraceHop.Scope scope = hop.span("00-" + TRACE_ID + "-00f067aa0ba902b7-00", "payment")) {
            assertThat(hop.current()).endsWith("-00");
        }
        assertThat(finished).isEmpty();
    }

    @Test
    void noTraceOrAMalformedOneOrNoTracerChangesNothing() {
        for (String none : new String[]{null, "", "01-" + TRACE_ID + "-00f067aa0ba902b7-01", "00-xyz-00f067aa0ba902b7-01"}) {
            try (TraceHop.Scope scope = hop.span(none, "payment")) {
                assertThat(hop.current()).isNull();
            }
        }
        try (TraceHop.Scope scope = TraceHop.none().span(PARENT, "payment")) {
            assertThat(TraceHop.none().current()).isNull();
        }
        assertThat(finished).isEmpty();
    }
}
