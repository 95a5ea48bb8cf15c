package dev.vellum.client.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that names assets by content, pins them and pre-compresses them (src/build/java/PackWebroot.java,
 * run as a single-file program like the build runs it, with brotli4j from this test's class path), on a small
 * webroot shaped like the real one. The real one is covered by the backend's StaticFilesTest and the Chromium tests.
 */
class PackWebrootTest {
    private static final Path TOOL = Path.of("src/build/java/PackWebroot.java");
    private static final String INDEX = """
            <link rel="stylesheet" href="@path:/site.css@" integrity="sha384-@sha384:/site.css@">
            <script src="@path:/boot.js@" integrity="sha384-@sha384:/boot.js@" defer></script>
            """;
    private static final String BOOT = "var H = '@sha384:/app/big.wasm@'; var U = '@path:/app/big.wasm@';\n";

    @TempDir
    Path staging;

    @Test
    void assetsAreRenamedAfterTheirContent_andPinned_inTheOrderTheyNameEachOther() throws Exception {
        byte[] wasm = layOut();

        assertEquals(0, pack().exitCode());

        List<String> manifest = Files.readAllLines(staging.resolve("webroot.manifest"));
        String wasmPath = served(manifest, "/app/big.");
        String bootPath = served(manifest, "/boot.");
        String cssPath = served(manifest, "/site.");
        assertTrue(wasmPath.matches("/app/big\\.[0-9a-f]{16}\\.wasm"), wasmPath);
        assertTrue(manifest.containsAll(List.of(wasmPath + " immutable", bootPath + " immutable",
                cssPath + " immutable", "/index.html revalidate")), manifest.toString());
        String boot = read(bootPath);
        assertEquals("var H = '" + sha384(wasm) + "'; var U = '" + wasmPath + "';\n", boot);
        String index = read("/index.html");
        assertTrue(index.contains("src=\"" + bootPath + "\" integrity=\"sha384-" + sha384(bytes(bootPath)) + "\""),
                index);
        assertTrue(index.contains("href=\"" + cssPath + "\" integrity=\"sha384-" + sha384(bytes(cssPath)) + "\""),
                index);
        assertFalse(Files.exists(webroot().resolve("app/big.wasm")), "the old name is gone");
    }

    @Test
    void compressedSiblings_decodeToTheFile_andSmallFilesGetNone() throws Exception {
        layOut();

        assertEquals(0, pack().exitCode());

        List<String> manifest = Files.readAllLines(staging.resolve("webroot.manifest"));
        String wasmPath = served(manifest, "/app/big.");
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes(wasmPath + ".gz")))) {
            assertArrayEquals(bytes(wasmPath), gz.readAllBytes());
        }
        assertTrue(bytes(wasmPath + ".br").length < bytes(wasmPath + ".gz").length, "brotli beats gzip here");
        String cssPath = served(manifest, "/site.");
        assertFalse(Files.exists(webroot().resolve(cssPath.substring(1) + ".gz")), "a tiny file is not compressed");
        assertTrue(manifest.stream().noneMatch(line -> line.contains(".br") || line.contains(".gz")), "siblings "
                + "are not served under their own names: " + manifest);
    }

    @Test
    void aSecondRunWithoutClean_givesTheSameFiles_andNoLeftovers() throws Exception {
        layOut();
        assertEquals(0, pack().exitCode());
        List<String> first = files();

        layOut();
        assertEquals(0, pack().exitCode());

        assertEquals(first, files());
    }

    @Test
    void aChangedAsset_getsANewName() throws Exception {
        layOut();
        assertEquals(0, pack().exitCode());
        String before = served(Files.readAllLines(staging.resolve("webroot.manifest")), "/app/big.");

        layOut();
        Files.write(webroot().resolve("app/big.wasm"), "one byte more".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, pack().exitCode());

        assertNotEquals(before, served(Files.readAllLines(staging.resolve("webroot.manifest")), "/app/big."));
    }

    @Test
    void aPlaceholderNamingAMissingFile_failsTheBuild_sayingWhich() throws Exception {
        layOut();
        Files.writeString(webroot().resolve("index.html"), INDEX + "<img src=\"@path:/missing.svg@\">\n");

        Result result = pack();

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("/missing.svg is named by a placeholder but is not a file"),
                result.output());
    }

    /** Lays out static/ and TeaVM's output as the build does before this step; returns the wasm. */
    private byte[] layOut() throws IOException {
        Files.createDirectories(webroot().resolve("app"));
        Files.writeString(webroot().resolve("index.html"), INDEX);
        Files.writeString(webroot().resolve("boot.js"), BOOT);
        Files.writeString(webroot().resolve("site.css"), "body { margin: 0; }\n");
        StringBuilder wasm = new StringBuilder("\0asm");
        for (int i = 0; i < 4000; i++) {
            wasm.append("function").append(i % 97).append(' ');
        }
        byte[] bytes = wasm.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(webroot().resolve("app/big.wasm"), bytes);
        return bytes;
    }

    private Path webroot() {
        return staging.resolve("webroot");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(staging)) {
            return walk.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString()).sorted().toList();
        }
    }

    private static String served(List<String> manifest, String prefix) {
        return manifest.stream().filter(line -> line.startsWith(prefix)).map(line -> line.split(" ")[0])
                .findFirst().orElseThrow(() -> new AssertionError(prefix + " not in " + manifest));
    }

    private byte[] bytes(String servedPath) throws IOException {
        return Files.readAllBytes(webroot().resolve(servedPath.substring(1)));
    }

    private String read(String servedPath) throws IOException {
        return new String(bytes(servedPath), StandardCharsets.UTF_8);
    }

    private static String sha384(byte[] content) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(content));
    }

    private Result pack() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", System.getProperty("java.class.path"), TOOL.toString(), staging.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
