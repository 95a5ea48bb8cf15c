package dev.vellum.server.cluster;

import dev.vellum.server.store.SharedDatabases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether this server is one node of several, and how it finds the others: {@code --cluster} turns clustering on,
 * {@code --cluster-host} is the address the other nodes reach this one at, {@code --cluster-port} the port of its
 * membership (Hazelcast) listener, {@code --cluster-bus-port} that of its event bus listener (0: any free one, told
 * to the others through the membership), {@code --cluster-members} the nodes to join ({@code host:port,...}, TCP-IP;
 * multicast is never used), and {@code --cluster-name} keeps two clusters on one network apart. Each can come from
 * the environment too ({@code VELLUM_CLUSTER=true}, {@code VELLUM_CLUSTER_MEMBERS=...}); a flag wins.
 *
 * <p>These flags are taken out of the command line before the rest goes to
 * {@link dev.vellum.server.config.ServerConfig}, so that a single node's settings know nothing of clustering.
 */
public final class ClusterSettings {
    public static final int DEFAULT_PORT = 5701;
    public static final String DEFAULT_NAME = "vellum";
    private static final List<String> VALUED = List.of("cluster-host", "cluster-port", "cluster-bus-port",
            "cluster-members", "cluster-name");

    private final boolean enabled;
    private final String host;
    private final int port;
    private final int busPort;
    private final List<String> members;
    private final String name;
    private final List<String> remainingArgs;

    private ClusterSettings(boolean enabled, String host, int port, int busPort, List<String> members, String name,
                            List<String> remainingArgs) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster-port must be between 1 and 65535, got " + port);
        }
        if (busPort < 0 || busPort > 65535) {
            throw new IllegalArgumentException("cluster-bus-port must be between 0 and 65535, got " + busPort);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("cluster-name must not be empty");
        }
        this.enabled = enabled;
        this.host = host;
        this.port = port;
        this.busPort = busPort;
        this.members = List.copyOf(members);
        this.name = name;
        this.remainingArgs = List.copyOf(remainingArgs);
    }

    /**
     * Takes the cluster's flags out of {@code args}; the rest is {@link #remainingArgs()}.
     *
     * @throws IllegalArgumentException for a cluster flag without its value or with a value out of range
     */
    public static ClusterSettings fromArgsAndEnvironment(String[] args, Map<String, String> env) {
        boolean enabled = Boolean.parseBoolean(env.getOrDefault("VELLUM_CLUSTER", "false").trim());
        Map<String, String> values = new java.util.HashMap<>();
        for (String name : VALUED) {
            String fromEnv = env.get("VELLUM_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(name, fromEnv.trim());
            }
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--cluster")) {
                enabled = true;
            } else if (arg.startsWith("--") && VALUED.contains(arg.substring(2))) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                values.put(arg.substring(2), args[++i].trim());
            } else {
                rest.add(arg);
            }
        }
        String members = values.getOrDefault("cluster-members", "");
        return new ClusterSettings(enabled,
                values.getOrDefault("cluster-host", "127.0.0.1"),
                number(values, "cluster-port", DEFAULT_PORT),
                number(values, "cluster-bus-port", 0),
                members.isBlank() ? List.of() : Arrays.stream(members.split(",")).map(String::trim)
                        .filter(member -> !member.isEmpty()).toList(),
                values.getOrDefault("cluster-name", DEFAULT_NAME),
                rest);
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /**
     * Nodes must share one database: a database only this process can open (embedded H2, the default) would give
     * each node notes of its own, with the same revision numbers for different items.
     *
     * @throws IllegalArgumentException if clustering is on and {@code jdbcUrl} names a database of this process only
     */
    public void checkSharedDatabase(String jdbcUrl) {
        if (enabled && !SharedDatabases.isShared(jdbcUrl)) {
            throw new IllegalArgumentException("--cluster needs a database every node opens, such as PostgreSQL "
                    + "(--jdbc-url jdbc:postgresql://host/vellum); an embedded H2 database belongs to one process");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int busPort() {
        return busPort;
    }

    /** The nodes to join, {@code host:port} or {@code host} (then {@link #DEFAULT_PORT}); may include this one. */
    public List<String> members() {
        return members;
    }

    public String name() {
        return name;
    }

    /** The command line without the cluster's flags, for {@link dev.vellum.server.config.ServerConfig}. */
    public String[] remainingArgs() {
        return remainingArgs.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return !enabled ? "cluster=off" : "cluster=on, cluster-name=" + name + ", cluster-host=" + host
                + ", cluster-port=" + port + ", cluster-bus-port=" + (busPort == 0 ? "any" : busPort)
                + ", cluster-members=" + String.join(",", members);
    }
}
