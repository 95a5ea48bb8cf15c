package dev.vellum.server.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.ops.MeteredVertx;
import dev.vellum.server.ws.NoteRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Starts this server's Vert.x as one node of a cluster: Hazelcast keeps the membership (who is up, and which node
 * has subscribers for which event bus address), and Vert.x's clustered event bus carries the relay's frames and the
 * server's events (sessions ended, members removed) between nodes over TCP. Nodes find each other only through the
 * listed members (TCP-IP join); multicast and cloud discovery stay off, and Hazelcast never calls home.
 *
 * <p>Never used by a single node: without {@code --cluster}, Hazelcast is not started at all.
 */
public final class ClusterNode {
    /**
     * Hazelcast's timings, chosen for a few nodes on one network: join after 1 s rather than 5; a node that stops
     * answering is dropped after 15 s rather than 60 (its subscriptions go with it); two clusters formed by nodes
     * that started together merge after 15 s rather than 300. Each can be overridden by a system property of the
     * same name ({@code -Dhazelcast.max.no.heartbeat.seconds=5}), as tests do.
     */
    static final String[][] TIMINGS = {
            {"hazelcast.wait.seconds.before.join", "1"},
            {"hazelcast.max.no.heartbeat.seconds", "15"},
            {"hazelcast.heartbeat.interval.seconds", "2"},
            {"hazelcast.merge.first.run.delay.seconds", "15"},
            {"hazelcast.merge.next.run.delay.seconds", "15"},
    };
    private static final int JOIN_CONNECT_SECONDS = 2;

    private ClusterNode() {
    }

    /** Joins the cluster {@code cluster} describes, or forms it if no listed member is up yet. */
    public static Future<Vertx> start(ServerConfig config, ClusterSettings cluster) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
        EventBusOptions eventBus = new EventBusOptions()
                .setHost(cluster.host())
                .setPort(cluster.busPort())
                .setClusterPublicHost(cluster.host());
        return MeteredVertx.createClustered(config, manager, eventBus)
                .onSuccess(vertx -> tellWhenANodeLeaves(manager, vertx));
    }

    /**
     * A node that died may have stored items it never relayed: the browsers on this node would wait for them behind
     * a gap. Told on this node only, each {@link NoteRelay} closes its connections so that they reconnect and ask for
     * what they lack ({@link NoteRelay#NODE_LEFT_ADDRESS}). Also on a graceful leave: a moment's reconnect for all.
     */
    private static void tellWhenANodeLeaves(HazelcastClusterManager manager, Vertx vertx) {
        manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                vertx.eventBus().publish(NoteRelay.NODE_LEFT_ADDRESS, null, new DeliveryOptions().setLocalOnly(true));
            }
        });
    }

    /** Vert.x's own Hazelcast settings (its maps for subscriptions and nodes) with our network and timings. */
    static Config hazelcastConfig(ClusterSettings cluster) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.name());
        setUnlessGiven(config, "hazelcast.logging.type", "jdk");
        setUnlessGiven(config, "hazelcast.phone.home.enabled", "false");
        for (String[] timing : TIMINGS) {
            setUnlessGiven(config, timing[0], timing[1]);
        }
        // Hazelcast listens on every interface unless told otherwise, whatever address it announces: only on the
        // cluster host's, so that a node on a private network is not reachable from the others.
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(address(cluster.host())));
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        network.setPublicAddress(cluster.host() + ":" + cluster.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true)
                .setConnectionTimeoutSeconds(JOIN_CONNECT_SECONDS)
                .setMembers(cluster.members().isEmpty()
                        ? List.of(cluster.host() + ":" + cluster.port()) : cluster.members());
        return config;
    }

    /** Hazelcast's interface setting takes an IP address; the host may be given as a name. */
    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--cluster-host " + host + " does not resolve to an address", e);
        }
    }

    /** Hazelcast prefers a property set in its config over the system property; ours yields to the system's. */
    private static void setUnlessGiven(Config config, String name, String value) {
        if (System.getProperty(name) == null) {
            config.setProperty(name, value);
        }
    }
}
