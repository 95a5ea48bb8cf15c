package dev.vellum.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server node ({@code dev.vellum.server.Main}) as a JVM of its own, as an operator starts it, so that a test can
 * kill it for real ({@link #kill}: SIGKILL, no shutdown hook, no goodbye to the cluster). Started on this JVM's
 * class path with the flags Hazelcast wants on Java 17 ({@link #HAZELCAST_JVM_FLAGS}).
 */
public final class NodeProcess implements AutoCloseable {
    /**
     * Hazelcast reads JVM internals (direct buffers, OS metrics) through reflection; without these it warns at start
     * and runs slower paths. The same flags are in the README's command.
     */
    public static final List<String> HAZELCAST_JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    /** Tests wait seconds, not Hazelcast's default minute, for a killed node to be dropped from the cluster. */
    public static final List<String> FAST_FAILURE_DETECTION = List.of(
            "-Dhazelcast.max.no.heartbeat.seconds=6", "-Dhazelcast.heartbeat.interval.seconds=1");
    private static final Pattern RUNNING = Pattern.compile("Open http://localhost:(\\d+)/");

    private final Process process;
    private final int port;
    private final StringBuffer output;

    private NodeProcess(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * @param serverFlags the server's flags, as a person would pass them
     * @param environment more environment variables, such as {@code VELLUM_JDBC_PASSWORD}
     */
    public static NodeProcess start(List<String> jvmFlags, List<String> serverFlags, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(HAZELCAST_JVM_FLAGS);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.vellum.server.Main");
        command.addAll(serverFlags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        port.complete(Integer.parseInt(running.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the node exited before it was running"));
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new NodeProcess(process, port.get(90, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the node did not start:\n" + output, e);
        }
    }

    public int port() {
        return port;
    }

    /** What the node printed so far. */
    public String output() {
        return output.toString();
    }

    /** SIGKILL, as a crash or an out-of-memory killer would: the node says goodbye to nobody. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
