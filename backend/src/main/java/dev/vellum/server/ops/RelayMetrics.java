package dev.vellum.server.ops;

import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the note relay counts: open note sockets, frames in and out, items stored, how long an append takes, and the
 * error frames sent, by error code. One per Vert.x instance, shared by every verticle instance on it.
 *
 * <p>Every meter is named and tagged here, from constants and {@link ErrorCode}'s numbers only: never a note id,
 * account, address or anything a client chose, so the set of series is fixed (a label a client could vary would let
 * it grow the registry without bound) and the metrics say how busy the server is, never who did what.
 *
 * <p>Without metrics ({@link #none()}) the meters belong to a registry with no backend, and cost next to nothing.
 */
public final class RelayMetrics implements Shareable {
    /** Where {@link MeteredVertx} leaves the instance for {@link #of}: Vert.x's local map, scoped to one Vert.x. */
    static final String SHARED_MAP = "vellum.ops";
    static final String SHARED_KEY = "relay-metrics";

    private final PrometheusMeterRegistry prometheus;
    private final AtomicLong openSockets = new AtomicLong();
    private final Counter framesReceived;
    private final Counter framesSent;
    private final Counter itemsStored;
    private final Timer appends;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    private RelayMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.prometheus = prometheus;
        Gauge.builder("vellum.note.sockets.open", openSockets, AtomicLong::get)
                .description("WebSocket connections to notes, open now").register(registry);
        framesReceived = Counter.builder("vellum.frames.received")
                .description("WebSocket messages received from clients").register(registry);
        framesSent = Counter.builder("vellum.frames.sent")
                .description("Frames queued for clients, relayed ones included").register(registry);
        itemsStored = Counter.builder("vellum.items.stored")
                .description("Note items stored").register(registry);
        appends = Timer.builder("vellum.append")
                .description("Time from handing an item to the store to its answer, queueing included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        // Every code up front, so each series exists (at 0) from the start and none can be added later.
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("vellum.errors")
                    .description("Error frames sent to clients, by protocol error code")
                    .tag("code", Integer.toString(code.code()))
                    .register(registry));
        }
    }

    /** Metrics kept in this Prometheus registry and served from it. */
    static RelayMetrics on(PrometheusMeterRegistry registry) {
        return new RelayMetrics(registry, registry);
    }

    /** Metrics kept nowhere: for a server without {@code --metrics-port}. */
    public static RelayMetrics none() {
        return new RelayMetrics(new CompositeMeterRegistry(), null);
    }

    /** The metrics {@link MeteredVertx} made for this Vert.x, or {@link #none()} for one built without them. */
    public static RelayMetrics of(Vertx vertx) {
        Object shared = vertx.sharedData().getLocalMap(SHARED_MAP).get(SHARED_KEY);
        return shared instanceof RelayMetrics metrics ? metrics : none();
    }

    /** Whether these metrics are kept and can be served. */
    public boolean enabled() {
        return prometheus != null;
    }

    /** The registry {@code /metrics} is scraped from; only when {@link #enabled()}. */
    PrometheusMeterRegistry prometheus() {
        if (prometheus == null) {
            throw new IllegalStateException("metrics are off: this Vert.x was not built by MeteredVertx");
        }
        return prometheus;
    }

    public void socketOpened() {
        openSockets.incrementAndGet();
    }

    public void socketClosed() {
        openSockets.decrementAndGet();
    }

    public void frameReceived() {
        framesReceived.increment();
    }

    public void frameSent() {
        framesSent.increment();
    }

    /** Counts an error frame; the code's number is the only thing recorded of it. */
    public void errorSent(ErrorCode code) {
        errors.get(code).increment();
    }

    /**
     * Starts an append and times it until the store answers, whatever the answer; an item the store kept is counted
     * as stored.
     */
    public Future<AppendResult> timedAppend(Supplier<Future<AppendResult>> append) {
        long started = System.nanoTime();
        return append.get().andThen(done -> {
            appends.record(Duration.ofNanos(System.nanoTime() - started));
            if (done.succeeded() && done.result() instanceof AppendResult.Stored) {
                itemsStored.increment();
            }
        });
    }
}
