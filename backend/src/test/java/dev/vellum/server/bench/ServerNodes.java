package dev.vellum.server.bench;

import dev.vellum.server.testing.NodeProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server the benchmark loads: one node, or several nodes in one cluster (each its own JVM, started with
 * {@code --cluster}), whose CPU time and heap are then summed. Clients are spread over the nodes by
 * {@link #port(int)}.
 */
final class ServerNodes implements AutoCloseable {
    private final List<ServerProcess> nodes;

    private ServerNodes(List<ServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** @param environment for the nodes, such as the database password */
    static ServerNodes start(int count, List<String> jvmFlags, List<String> serverFlags,
                             Map<String, String> environment) throws IOException {
        if (count == 1) {
            return new ServerNodes(List.of(ServerProcess.start(jvmFlags, serverFlags, environment)));
        }
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                clusterPorts.add(socket.getLocalPort());
            }
        }
        String members = String.join(",", clusterPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        List<String> flags = new ArrayList<>(NodeProcess.HAZELCAST_JVM_FLAGS);
        flags.addAll(jvmFlags);
        List<ServerProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> nodeFlags = new ArrayList<>(serverFlags);
            nodeFlags.addAll(List.of("--cluster", "--cluster-port", Integer.toString(clusterPorts.get(i)),
                    "--cluster-members", members));
            started.add(ServerProcess.start(flags, nodeFlags, environment));
        }
        return new ServerNodes(started);
    }

    int count() {
        return nodes.size();
    }

    /** The node for the {@code index}th client of a note: a note's clients take the nodes in turn. */
    int port(int index) {
        return nodes.get(index % nodes.size()).port();
    }

    Duration cpuTime() {
        return nodes.stream().map(ServerProcess::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    long heapAfterGc() throws IOException, InterruptedException {
        long sum = 0;
        for (ServerProcess node : nodes) {
            sum += node.heapAfterGc();
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess node : nodes) {
            node.close();
        }
    }
}
