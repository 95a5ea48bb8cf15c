package dev.vellum.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code dev.vellum.server.Main}) in a JVM of its own, as an operator runs it: its CPU time and
 * heap are then the server's alone, not mixed with the load's clients. Started on this JVM's class path.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Open http://localhost:(\\d+)/");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param jvmFlags flags for the server's JVM, such as a flight recording
     * @param serverFlags the server's own flags, as a person would pass them
     */
    static ServerProcess start(List<String> jvmFlags, List<String> serverFlags) throws IOException {
        return start(jvmFlags, serverFlags, Map.of());
    }

    /** @param environment more environment variables, such as {@code VELLUM_JDBC_PASSWORD} */
    static ServerProcess start(List<String> jvmFlags, List<String> serverFlags, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.vellum.server.Main");
        command.addAll(serverFlags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        port.complete(Integer.parseInt(running.group(1)));
                    } else if (line.contains("WARNING") || line.contains("SEVERE") || line.contains("Exception")
                            || line.startsWith("\tat ") || line.startsWith("Caused by")) {
                        System.out.println("[server] " + line); // warnings and stack traces are figures too
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the server exited before it was running"));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the server did not start", e);
        }
    }

    int port() {
        return port;
    }

    /** CPU time the server's process has used so far, over all its threads. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The server's heap in use after a full collection, in bytes, read with {@code jcmd}. */
    long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** Stops the server as its shutdown hook would on Ctrl-C, so the database closes cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
