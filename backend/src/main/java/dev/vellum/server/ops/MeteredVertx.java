package dev.vellum.server.ops;

import dev.vellum.server.config.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.UUID;

/**
 * Builds the server's Vert.x: a plain one without {@code --metrics-port}; with it, one that reports to a Prometheus
 * registry of its own through Vert.x's Micrometer integration, together with the {@link RelayMetrics} kept in the
 * same registry.
 *
 * <p>Vert.x's own meters are tagged only by labels whose values the server chooses: HTTP status code, pool type and
 * name. Not the path (any URL a client asks for), not the method (Vert.x takes any token a client sends as a method
 * name), not local or remote addresses. The event bus is not metered: its meters are per address, and an address
 * names a note; without the address they would collapse into one meaningless series.
 */
public final class MeteredVertx {
    /** Labels with a small fixed set of values, none of which says who or what: see the class comment. */
    static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME);

    private MeteredVertx() {
    }

    public static Vertx create(ServerConfig config) {
        if (!config.metricsEnabled()) {
            return Vertx.vertx();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return withRelayMetrics(metered(registry, new VertxOptions()).build(), registry);
    }

    /**
     * The same, as one node of a cluster: joins the others through {@code clusterManager} (see
     * {@code dev.vellum.server.cluster}), so that the event bus reaches every node.
     */
    public static Future<Vertx> createClustered(ServerConfig config, ClusterManager clusterManager,
                                                EventBusOptions eventBus) {
        VertxOptions options = new VertxOptions().setEventBusOptions(eventBus);
        if (!config.metricsEnabled()) {
            return Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return metered(registry, options).withClusterManager(clusterManager).buildClustered()
                .map(vertx -> withRelayMetrics(vertx, registry));
    }

    private static VertxBuilder metered(PrometheusMeterRegistry registry, VertxOptions vertxOptions) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                // Vert.x keeps registries by name for the whole process: one name per Vert.x keeps two servers in
                // one JVM (tests) from reporting into each other's.
                .setRegistryName("vellum-" + UUID.randomUUID())
                .setLabels(LABELS)
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .setJvmMetricsEnabled(true);
        return Vertx.builder()
                .with(vertxOptions.setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry));
    }

    private static Vertx withRelayMetrics(Vertx vertx, PrometheusMeterRegistry registry) {
        vertx.sharedData().getLocalMap(RelayMetrics.SHARED_MAP).put(RelayMetrics.SHARED_KEY, RelayMetrics.on(registry));
        return vertx;
    }
}
