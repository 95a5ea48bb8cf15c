package dev.vellum.client.build;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that lets the page run without {@code 'unsafe-eval'} (src/build/java/SealWebroot.java, run as a
 * single-file program like the build runs it) fails the build when TeaVM's runtime is not the one it knows how to
 * patch, instead of shipping a runtime that still needs eval. The whole step, on the real wasm, is covered by the
 * Chromium tests (backend PageLockdownTest).
 */
class SealWebrootTest {
    private static final Path TOOL = Path.of("src/build/java/SealWebroot.java");
    /** Where TeaVM 0.16 keeps the runtime that its copy-webassembly-gc-runtime goal copies (not minified). */
    private static final String TEAVM_RUNTIME = "org/teavm/backend/wasm/wasm-gc-runtime.js";

    @TempDir
    Path webroot;

    @Test
    void teaVmsRuntime_isPatchedWithNoStringEvaluationLeft_beforeTheWasmIsRead() throws Exception {
        Result result = seal(teaVmRuntime());

        // It got past the runtime and stopped only at the (deliberately absent) wasm.
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("vellum.wasm"), result.output());
        assertTrue(!result.output().contains("runtime"), result.output());
    }

    @Test
    void runtimeWithAPassageChanged_failsTheBuild_sayingWhich() throws Exception {
        String changed = teaVmRuntime().replace("function renameConstructor(name, c) {",
                "function renameConstructor(name, c, extra) {");

        Result result = seal(changed);

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("the renameConstructor passage is not there exactly once"),
                result.output());
    }

    @Test
    void runtimeWithAnotherNewFunction_failsTheBuild() throws Exception {
        String extended = teaVmRuntime() + "\nconst later = new Function(\"return 1\");\n";

        Result result = seal(extended);

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("still evaluates strings: Function("), result.output());
    }

    @Test
    void runtimeWithAStringTimer_failsTheBuild() throws Exception {
        String extended = teaVmRuntime() + "\nsetTimeout(\"tick()\", 1);\n";

        Result result = seal(extended);

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("still evaluates strings: setTimeout("), result.output());
    }

    private Result seal(String runtime) throws IOException, InterruptedException {
        Files.createDirectories(webroot.resolve("app"));
        Files.writeString(webroot.resolve("app/classes.wasm-runtime.js"), runtime, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                TOOL.toString(), webroot.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String teaVmRuntime() throws IOException {
        try (InputStream in = SealWebrootTest.class.getClassLoader().getResourceAsStream(TEAVM_RUNTIME)) {
            assertNotNull(in, TEAVM_RUNTIME + " is on the test class path (teavm-core, through teavm-classlib)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
