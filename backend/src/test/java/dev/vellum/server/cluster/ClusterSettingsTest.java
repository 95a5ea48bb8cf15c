package dev.vellum.server.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's flags: taken out of the command line, checked, and turned into a TCP-IP-only Hazelcast setup. */
class ClusterSettingsTest {
    @Test
    void withoutClusterFlag_clusteringIsOff_andEveryArgumentIsLeftForTheServer() {
        String[] args = {"--port", "9000", "--jdbc-url", "jdbc:h2:file:/tmp/x"};
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(args, Map.of());
        assertFalse(settings.enabled());
        assertArrayEquals(args, settings.remainingArgs());
        assertDoesNotThrow(() -> settings.checkSharedDatabase("jdbc:h2:file:/tmp/x"));
    }

    @Test
    void clusterFlags_areTakenOut_andReadAsGiven() {
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(new String[] {"--port", "9000", "--cluster",
                "--cluster-host", "10.0.0.5", "--cluster-port", "5801", "--cluster-members",
                "10.0.0.5:5801, 10.0.0.6:5801", "--cluster-name", "notes"}, Map.of());
        assertTrue(settings.enabled());
        assertArrayEquals(new String[] {"--port", "9000"}, settings.remainingArgs());
        assertEquals("10.0.0.5", settings.host());
        assertEquals(5801, settings.port());
        assertEquals(List.of("10.0.0.5:5801", "10.0.0.6:5801"), settings.members());
        assertEquals("notes", settings.name());
    }

    @Test
    void environment_turnsClusteringOn_andFlagsWin() {
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster-port", "6000"},
                Map.of("VELLUM_CLUSTER", "true", "VELLUM_CLUSTER_PORT", "5900", "VELLUM_CLUSTER_MEMBERS", "a,b"));
        assertTrue(settings.enabled());
        assertEquals(6000, settings.port());
        assertEquals(List.of("a", "b"), settings.members());
    }

    @Test
    void clusterOnAnEmbeddedH2Database_isRefused_butPostgresqlIsTaken() {
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster"}, Map.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> settings.checkSharedDatabase("jdbc:h2:file:./vellum-data/vellum;WRITE_DELAY=0"));
        assertTrue(refused.getMessage().contains("PostgreSQL"), refused.getMessage());
        assertDoesNotThrow(() -> settings.checkSharedDatabase("jdbc:postgresql://db/vellum"));
    }

    @Test
    void badValues_areRefusedWithTheFlagsName() {
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.fromArgsAndEnvironment(
                new String[] {"--cluster-port"}, Map.of()));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster-port", "70000"}, Map.of()));
        assertTrue(port.getMessage().contains("cluster-port"), port.getMessage());
    }

    @Test
    void hazelcast_joinsOnlyTheListedMembers_overTcp_neverByMulticast_andNeverCallsHome() {
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster",
                "--cluster-port", "5801", "--cluster-members", "127.0.0.1:5801,127.0.0.1:5802"}, Map.of());
        Config config = ClusterNode.hazelcastConfig(settings);
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertTrue(join.getTcpIpConfig().isEnabled());
        assertEquals(List.of("127.0.0.1:5801", "127.0.0.1:5802"), join.getTcpIpConfig().getMembers());
        assertEquals(5801, config.getNetworkConfig().getPort());
        assertFalse(config.getNetworkConfig().isPortAutoIncrement());
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertTrue(config.getMultiMapConfigs().containsKey("__vertx.subs"), "Vert.x's own maps are configured");
    }

    @Test
    void hazelcast_listensOnlyOnTheClusterHostsAddress_notOnEveryInterface() {
        ClusterSettings settings = ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster",
                "--cluster-host", "127.0.0.1"}, Map.of());
        Config config = ClusterNode.hazelcastConfig(settings);
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
        assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
        assertEquals(List.of("127.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    }
}
