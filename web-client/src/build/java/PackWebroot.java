import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Build step run on the staged webroot after SealWebroot (web-client/pom.xml, prepare-package), as a single-file
 * Java program with brotli4j on its class path. It makes the page cheap to load and keeps it pinned:
 * <ol>
 *   <li>It fills each placeholder in a file once the file it names is final: {@code @sha384:/path@} becomes the
 *   base64 SHA-384 of that file (the scripts' {@code integrity} attributes, the wasm's hash in boot.js), and
 *   {@code @path:/path@} becomes the name the file is served under ({@link Placeholders}).</li>
 *   <li>Every file some placeholder names is renamed after its content ({@code vellum.wasm} becomes
 *   {@code vellum.<16 hex digits of its SHA-256>.wasm}), so the server can let browsers keep it for a year: a new
 *   build has new names. The page itself ({@code index.html}) keeps its name, since links name it by path; the
 *   server makes browsers revalidate it ({@link AssetNames}).</li>
 *   <li>Each file worth it gets a brotli ({@code .br}, quality 11) and a gzip ({@code .gz}, level 9) sibling, so
 *   the server compresses nothing at run time ({@link Precompressed}).</li>
 *   <li>It writes {@code webroot.manifest} beside {@code webroot/}: one line per file the server serves, with
 *   {@code immutable} (a content-named asset) or {@code revalidate} (the page, and anything no page names).</li>
 * </ol>
 * The order matters and follows from the placeholders: a file is hashed and named only after its own placeholders
 * are filled, so boot.js (which names the wasm) is final before index.html (which pins boot.js) is filled.
 * Usage: {@code java -cp <brotli4j> PackWebroot.java <staging directory holding webroot/>}.
 */
public final class PackWebroot {
    /** The pages: served under their own path and every app path, never renamed. */
    private static final List<String> PAGES = List.of("/index.html");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java PackWebroot.java <staging directory holding webroot/>");
        }
        Path staging = Path.of(args[0]);
        Path webroot = staging.resolve("webroot");
        AssetNames.removeLeftovers(webroot);
        AssetNames names = new AssetNames(webroot, PAGES);
        for (String page : PAGES) {
            names.finalPath(page);
        }
        List<String> manifest = new ArrayList<>();
        Precompressed compressor = new Precompressed();
        long identity = 0;
        long brotli = 0;
        for (String served : names.everyServedPath()) {
            Path file = webroot.resolve(served.substring(1));
            byte[] content = Files.readAllBytes(file);
            identity += content.length;
            brotli += compressor.writeSiblings(file, content);
            manifest.add(served + " " + (names.isContentNamed(served) ? "immutable" : "revalidate"));
        }
        Files.write(staging.resolve("webroot.manifest"), manifest, StandardCharsets.UTF_8);
        System.out.println("PackWebroot: " + manifest.size() + " files, " + names.renamedCount()
                + " named by content; " + identity + " bytes, " + brotli + " with brotli where it helps");
    }
}

/** Fails the build: a placeholder names a missing file, or the placeholders form a cycle. */
final class PackException extends RuntimeException {
    PackException(String message) {
        super(message);
    }
}

/**
 * Decides each file's final name, filling its placeholders first. Content-named files get
 * {@code <stem>.<16 hex digits of SHA-256>.<extension>}: 64 bits are plenty to tell two builds apart.
 */
final class AssetNames {
    private static final Pattern CONTENT_NAMED = Pattern.compile("\\.[0-9a-f]{16}(\\.[^.]+)?$");

    private final Path webroot;
    private final Set<String> pages;
    /** Logical path (as written in placeholders and in static/) to the path it is served under. */
    private final Map<String, String> finalPaths = new LinkedHashMap<>();
    private final Set<String> contentNamed = new HashSet<>();
    private final Set<String> inProgress = new HashSet<>();

    AssetNames(Path webroot, List<String> pages) {
        this.webroot = webroot;
        this.pages = Set.copyOf(pages);
    }

    /**
     * Deletes what an earlier run left (a build without {@code clean}: the copy of static/ and TeaVM overwrite
     * their files but never remove the renamed ones): content-named files and compressed siblings. Neither static/
     * nor TeaVM makes such names, so nothing of theirs goes.
     */
    static void removeLeftovers(Path webroot) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(webroot)) {
            leftovers = files.filter(Files::isRegularFile)
                    .filter(f -> Precompressed.isSibling(f) || CONTENT_NAMED.matcher(f.getFileName().toString()).find())
                    .toList();
        }
        for (Path leftover : leftovers) {
            Files.delete(leftover);
        }
    }

    /** The path {@code logical} is served under, once its placeholders are filled and it is renamed. */
    String finalPath(String logical) {
        String known = finalPaths.get(logical);
        if (known != null) {
            return known;
        }
        Path file = resolve(logical);
        if (!inProgress.add(logical)) {
            throw new PackException("placeholders form a cycle through " + logical);
        }
        try {
            Placeholders.fill(file, this::finalPath, this::sha384OfFinal, pages.contains(logical));
            String served = logical;
            if (!pages.contains(logical)) {
                served = contentName(logical, Files.readAllBytes(file));
                Files.move(file, webroot.resolve(served.substring(1)));
                contentNamed.add(served);
            }
            finalPaths.put(logical, served);
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inProgress.remove(logical);
        }
    }

    boolean isContentNamed(String served) {
        return contentNamed.contains(served);
    }

    int renamedCount() {
        return contentNamed.size();
    }

    /** Every file now in the webroot, as served paths, in a stable order. */
    List<String> everyServedPath() throws IOException {
        try (Stream<Path> files = Files.walk(webroot)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !Precompressed.isSibling(f))
                    .map(f -> "/" + webroot.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private String sha384OfFinal(String logical) {
        try {
            return Base64.getEncoder().encodeToString(digest("SHA-384",
                    Files.readAllBytes(resolve(finalPath(logical)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolve(String path) {
        Path file = webroot.resolve(path.substring(1)).normalize();
        if (!file.startsWith(webroot) || !Files.isRegularFile(file)) {
            throw new PackException(path + " is named by a placeholder but is not a file in the webroot");
        }
        return file;
    }

    private static String contentName(String logical, byte[] content) {
        String hash = HexFormat.of().formatHex(digest("SHA-256", content)).substring(0, 16);
        int slash = logical.lastIndexOf('/');
        int dot = logical.lastIndexOf('.');
        if (dot <= slash + 1) {
            return logical + "." + hash;
        }
        return logical.substring(0, dot) + "." + hash + logical.substring(dot);
    }

    static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}

/** Replaces {@code @sha384:/path@} and {@code @path:/path@} in one text file. */
final class Placeholders {
    static final Pattern PLACEHOLDER = Pattern.compile("@(sha384|path):(/[A-Za-z0-9_./-]+)@");
    private static final Set<String> TEXT_EXTENSIONS = Set.of(".html", ".js", ".css");

    private Placeholders() {
    }

    /**
     * Fills every placeholder of {@code file} (a text file; others are left alone). A page without any fails the
     * build: it would mean the page is not the one this step knows how to pin.
     */
    static void fill(Path file, java.util.function.Function<String, String> finalPath,
            java.util.function.Function<String, String> sha384, boolean mustHavePlaceholders) throws IOException {
        String name = file.getFileName().toString();
        if (TEXT_EXTENSIONS.stream().noneMatch(name::endsWith)) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        int count = 0;
        while (m.find()) {
            String value = m.group(1).equals("sha384") ? sha384.apply(m.group(2)) : finalPath.apply(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
            count++;
        }
        m.appendTail(out);
        if (count == 0) {
            if (mustHavePlaceholders) {
                throw new PackException(file + " has no @sha384:/path@ or @path:/path@ placeholder to fill");
            }
            return;
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}

/**
 * Writes {@code file.br} and {@code file.gz} beside a file, each only where it saves at least a tenth: the server
 * serves what is there and falls back to the file itself. Both are deterministic (gzip's header carries no time).
 */
final class Precompressed {
    private static final Set<String> COMPRESSIBLE = Set.of(".html", ".js", ".css", ".wasm", ".svg", ".json", ".txt");
    /** Below this, the headers cost more than compression saves. */
    private static final int MIN_BYTES = 1024;

    Precompressed() {
        Brotli4jLoader.ensureAvailability();
    }

    static boolean isSibling(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".br") || name.endsWith(".gz");
    }

    /** Writes the siblings worth having; returns the bytes a brotli-capable browser downloads for this file. */
    long writeSiblings(Path file, byte[] content) throws IOException {
        String name = file.getFileName().toString();
        if (content.length < MIN_BYTES || COMPRESSIBLE.stream().noneMatch(name::endsWith)) {
            return content.length;
        }
        byte[] br = Encoder.compress(content, new Encoder.Parameters().setQuality(11).setWindow(24)
                .setMode(name.endsWith(".wasm") ? Encoder.Mode.GENERIC : Encoder.Mode.TEXT));
        byte[] gz = gzip(content);
        long served = content.length;
        if (worthIt(gz, content)) {
            Files.write(file.resolveSibling(name + ".gz"), gz);
            served = gz.length;
        }
        if (worthIt(br, content)) {
            Files.write(file.resolveSibling(name + ".br"), br);
            served = Math.min(served, br.length);
        }
        return served;
    }

    private static boolean worthIt(byte[] compressed, byte[] content) {
        return compressed.length * 10L <= content.length * 9L;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
