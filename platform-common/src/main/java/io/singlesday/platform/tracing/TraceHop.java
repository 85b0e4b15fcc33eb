package io.singlesday.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Carries a trace across a hop the tracing library cannot see: an event written to the outbox in one
 * transaction and published later by the relay, or read back from its envelope by a consumer that takes a poll
 * at a time. The trace travels as a W3C {@code traceparent}; without a tracer, or with none given, every method
 * here does nothing.
 */
public final class TraceHop {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Scope NONE = () -> { };

    private final Supplier<Tracer> lookup;
    private volatile Tracer found;

    /**
     * @param tracer the tracer, or null when the application has none (yet). Asked until it gives one, then never
     *               again: a bean lookup per event (an {@code ObjectProvider}) cost the order service 7 % of its CPU.
     */
    public TraceHop(Supplier<Tracer> tracer) {
        this.lookup = tracer;
    }

    private Tracer tracer() {
        Tracer t = found;
        if (t == null) {
            t = lookup.get();
            found = t;
        }
        return t;
    }

    /** For code running without tracing (and its tests). */
    public static TraceHop none() {
        return new TraceHop(() -> null);
    }

    /** A scope that must be closed in the thread that opened it, hence {@link Scope} rather than a callback. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The W3C traceparent of the current span, or null outside any trace. */
    public String current() {
        Tracer t = tracer();
        TraceContext context = t == null ? null : t.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        String traceId = context.traceId().length() == 16 ? "0000000000000000" + context.traceId() : context.traceId();
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /**
     * Makes the given trace current without a span of its own, for a send whose instrumentation opens the span
     * (the Kafka producer's): the published record becomes a child of the step that wrote the event.
     */
    public Scope resume(String traceparent) {
        Tracer t = tracer();
        TraceContext parent = t == null ? null : parse(t, traceparent);
        if (parent == null) {
            return NONE;
        }
        var scope = t.currentTraceContext().newScope(parent);
        return scope::close;
    }

    /** A span of this service continuing the given trace, current until closed: a consumer applying one event. */
    public Scope span(String traceparent, String name) {
        Tracer t = tracer();
        TraceContext parent = t == null ? null : parse(t, traceparent);
        if (parent == null) {
            return NONE;
        }
        Span span = t.spanBuilder().setParent(parent).name(name).start();
        Tracer.SpanInScope inScope = t.withSpan(span);
        return () -> {
            inScope.close();
            span.end();
        };
    }

    private static TraceContext parse(Tracer t, String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var m = TRACEPARENT.matcher(traceparent);
        if (!m.matches()) {
            return null;
        }
        return t.traceContextBuilder().traceId(m.group(1)).spanId(m.group(2))
                .sampled((Integer.parseInt(m.group(3), 16) & 1) == 1).build();
    }
}
