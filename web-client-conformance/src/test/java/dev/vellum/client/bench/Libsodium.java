package dev.vellum.client.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * libsodium.js, the benchmark's reference point, fetched from the npm registry into {@code target/libsodium} the first
 * time the benchmark runs. Never committed and never part of the app: the benchmark page alone loads it. Versions are
 * pinned and each tarball is checked against its pinned SHA-512 (the registry's own integrity value) before a byte
 * of it reaches the page, so a changed package fails the benchmark instead of measuring something else.
 */
final class Libsodium {
    private static final Path DIR = Path.of("target/libsodium");
    /** The wasm core (libsodium.js sets {@code window.libsodium}), then the wrappers ({@code window.sodium}). */
    private static final List<Package> PACKAGES = List.of(
            new Package("libsodium", "0.8.4", "dist/modules/libsodium.js",
                    "lMcYaRi0zcs7tarATsQUYC7rstliIXZuoq0c6zXSgNtSNtdvBgkSegjWhpMJAXzKX3SUSwIp7+zEsob+j3LuRw=="),
            new Package("libsodium-wrappers", "0.8.4", "dist/modules/libsodium-wrappers.js",
                    "mu8aAWucZjTB5O/BtGXtW4e1agy7uHxNYG7zPthmmD1jU43LCDmSWZLN4JhflbdPXj3yDO4lxM1O9hLDgIOXDw=="));

    private Libsodium() {
    }

    /** The scripts to load into the page, in order; fetches and checks the packages if they are not there yet. */
    static List<String> scripts() {
        try {
            Files.createDirectories(DIR);
            return PACKAGES.stream().map(Libsodium::script).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version() {
        return PACKAGES.get(1).version();
    }

    private static String script(Package p) {
        Path tarball = DIR.resolve(p.name() + "-" + p.version() + ".tgz");
        try {
            if (!Files.isRegularFile(tarball)) {
                npmPack(p);
            }
            byte[] bytes = Files.readAllBytes(tarball);
            String actual = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
            if (!actual.equals(p.sha512())) {
                throw new IllegalStateException(tarball + " has SHA-512 " + actual + ", not the pinned " + p.sha512()
                        + "; delete it to fetch again");
            }
            return entry(bytes, "package/" + p.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512", e);
        }
    }

    private static void npmPack(Package p) throws IOException {
        Process npm = new ProcessBuilder("npm", "pack", "--silent", "--pack-destination", DIR.toString(),
                p.name() + "@" + p.version()).inheritIO().start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroy();
                throw new IllegalStateException("npm pack " + p.name() + "@" + p.version() + " failed; the crypto"
                        + " benchmark needs npm and the npm registry for its libsodium.js baseline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + p.name(), e);
        }
    }

    /** One file out of a gzipped tar (ustar headers: name at 0, octal size at 124, 512-byte blocks). */
    private static String entry(byte[] tgz, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entryName = new String(header, 0, 100, StandardCharsets.US_ASCII).trim()
                        .replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                        .replace("\0", "").trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (entryName.equals(name)) {
                    return new String(body, StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException(name + " is not in the pinned package");
    }

    private record Package(String name, String version, String file, String sha512) {
    }
}
