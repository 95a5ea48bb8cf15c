import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step run on the staged webroot after TeaVM (web-client/pom.xml, prepare-package), as a single-file Java
 * program so that it needs no compilation set-up and never lands in any jar. It makes the page run under a CSP
 * without {@code 'unsafe-eval'}; PackWebroot, run next, then pins every script and the wasm by hash:
 * <ol>
 *   <li>TeaVM 0.16's WebAssembly GC runtime turns every {@code @JSBody} script into a function with
 *   {@code new Function(params..., body)} while loading. The scripts are string constants in the wasm, so this step
 *   reads them out of {@code app/vellum.wasm} and writes them as ordinary functions into {@code app/jsbodies.js}
 *   ({@link StaticBodiesScript}).</li>
 *   <li>It rewrites the runtime's other {@code new Function} uses (generic glue whose shape depends only on an
 *   arity) into plain closures, and makes {@code createFunctionN} look the scripts up in that table
 *   ({@link RuntimePatch}). Each patched passage must occur exactly once and no {@code new Function} may remain:
 *   a TeaVM upgrade that changes the runtime fails the build here instead of silently needing eval.</li>
 * </ol>
 * Usage: {@code java SealWebroot.java <webroot directory>}.
 */
public final class SealWebroot {
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java SealWebroot.java <webroot directory>");
        }
        Path webroot = Path.of(args[0]);
        Path app = webroot.resolve("app");

        // The runtime first: a TeaVM upgrade shows up here, with the clearest message.
        Path runtime = app.resolve("classes.wasm-runtime.js");
        String patchedRuntime = RuntimePatch.apply(Files.readString(runtime, StandardCharsets.UTF_8));

        WasmModule wasm = WasmModule.parse(Files.readAllBytes(app.resolve("vellum.wasm")));
        List<JsBody> bodies = JsBodyExtractor.extract(wasm);
        Files.writeString(app.resolve("jsbodies.js"), StaticBodiesScript.render(bodies), StandardCharsets.UTF_8);
        Files.writeString(runtime, patchedRuntime, StandardCharsets.UTF_8);

        System.out.println("SealWebroot: " + bodies.size() + " @JSBody scripts compiled into app/jsbodies.js, "
                + "runtime patched");
    }
}

/** Fails the build: the wasm or the runtime is not shaped as this step expects (a TeaVM upgrade, usually). */
final class UnexpectedShapeException extends RuntimeException {
    UnexpectedShapeException(String message) {
        super(message);
    }
}

/** One {@code @JSBody} as TeaVM's runtime receives it: parameter names, then the rendered body. */
record JsBody(List<String> parameterNames, String body) {
    /** The lookup key, computed the same way by the patched runtime: every argument joined by U+0000. */
    String key() {
        List<String> parts = new ArrayList<>(parameterNames);
        parts.add(body);
        return String.join("\u0000", parts);
    }
}

/** The few parts of a wasm binary this step reads: imports, exports, globals' initialisers, data and code. */
final class WasmModule {
    record FunctionImport(String module, String name, int functionIndex) {
    }

    final List<FunctionImport> functionImports = new ArrayList<>();
    final Map<String, Integer> exportedFunctions = new LinkedHashMap<>();
    /** Defined globals' initialiser expressions (without the final {@code end}), by global index. */
    final Map<Integer, byte[]> globalInitializers = new LinkedHashMap<>();
    final List<byte[]> dataSegments = new ArrayList<>();
    byte[] code = new byte[0];

    static WasmModule parse(byte[] bytes) {
        Reader in = new Reader(bytes, 0, bytes.length);
        if (in.u32le() != 0x6d736100 || in.u32le() != 1) {
            throw new UnexpectedShapeException("vellum.wasm is not a version 1 WebAssembly binary");
        }
        WasmModule module = new WasmModule();
        int importedFunctions = 0;
        int importedGlobals = 0;
        while (!in.atEnd()) {
            int id = in.byte_();
            int size = in.u32();
            Reader section = new Reader(bytes, in.position, in.position + size);
            in.position += size;
            switch (id) {
                case 2 -> {
                    int count = section.u32();
                    for (int i = 0; i < count; i++) {
                        String moduleName = section.name();
                        String name = section.name();
                        int kind = section.byte_();
                        switch (kind) {
                            case 0 -> {
                                section.u32();
                                module.functionImports.add(new FunctionImport(moduleName, name, importedFunctions++));
                            }
                            case 1 -> {
                                section.valueType();
                                section.limits();
                            }
                            case 2 -> section.limits();
                            case 3 -> {
                                section.valueType();
                                section.byte_();
                                importedGlobals++;
                            }
                            case 4 -> {
                                section.byte_();
                                section.u32();
                            }
                            default -> throw new UnexpectedShapeException("unknown import kind " + kind);
                        }
                    }
                }
                case 6 -> {
                    int count = section.u32();
                    for (int i = 0; i < count; i++) {
                        section.valueType();
                        section.byte_();
                        module.globalInitializers.put(importedGlobals + i, section.constantExpression());
                    }
                }
                case 7 -> {
                    int count = section.u32();
                    for (int i = 0; i < count; i++) {
                        String name = section.name();
                        int kind = section.byte_();
                        int index = section.u32();
                        if (kind == 0) {
                            module.exportedFunctions.put(name, index);
                        }
                    }
                }
                case 10 -> module.code = java.util.Arrays.copyOfRange(bytes, section.position, section.end);
                case 11 -> {
                    int count = section.u32();
                    for (int i = 0; i < count; i++) {
                        int flags = section.u32();
                        if (flags == 2) {
                            section.u32();
                        }
                        if (flags == 0 || flags == 2) {
                            section.constantExpression();
                        }
                        int length = section.u32();
                        module.dataSegments.add(section.bytes(length));
                    }
                }
                default -> {
                    // Types, functions, tables, memories, tags, start, element, custom: not needed here.
                }
            }
        }
        return module;
    }

    /** A bounded reader over a slice of the binary, with the LEB128 and constant-expression decoding needed. */
    static final class Reader {
        final byte[] bytes;
        int position;
        final int end;

        Reader(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        boolean atEnd() {
            return position >= end;
        }

        int byte_() {
            if (position >= end) {
                throw new UnexpectedShapeException("wasm ends inside a section at byte " + position);
            }
            return bytes[position++] & 0xff;
        }

        int u32le() {
            return byte_() | byte_() << 8 | byte_() << 16 | byte_() << 24;
        }

        int u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = byte_();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (int) result;
                }
            }
            throw new UnexpectedShapeException("LEB128 longer than 5 bytes at byte " + position);
        }

        void signedLeb() {
            while ((byte_() & 0x80) != 0) {
                // Only skipped: the values of constants do not matter here.
            }
        }

        byte[] bytes(int length) {
            if (length < 0 || position + length > end) {
                throw new UnexpectedShapeException("length " + length + " runs past its section");
            }
            byte[] result = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return result;
        }

        String name() {
            return new String(bytes(u32()), StandardCharsets.UTF_8);
        }

        void valueType() {
            int b = byte_();
            if (b == 0x63 || b == 0x64) {
                signedLeb();
            }
        }

        void limits() {
            int flags = byte_();
            u32();
            if ((flags & 1) != 0) {
                u32();
            }
        }

        /** Reads a constant expression up to its {@code end} and returns its instructions. */
        byte[] constantExpression() {
            int start = position;
            while (true) {
                int opcode = byte_();
                switch (opcode) {
                    case 0x0b -> {
                        return java.util.Arrays.copyOfRange(bytes, start, position - 1);
                    }
                    case 0x41, 0x42 -> signedLeb();
                    case 0x43 -> bytes(4);
                    case 0x44 -> bytes(8);
                    case 0x23, 0xd2 -> u32();
                    case 0xd0 -> signedLeb();
                    case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> {
                        // Extended constant arithmetic: no immediates.
                    }
                    case 0xfb -> {
                        int op = u32();
                        switch (op) {
                            case 0, 1, 6, 7 -> u32();
                            case 8 -> {
                                u32();
                                u32();
                            }
                            case 0x1a, 0x1b, 0x1c -> {
                                // any.convert_extern, extern.convert_any, ref.i31: no immediates.
                            }
                            default -> throw new UnexpectedShapeException("unexpected GC instruction 0xfb " + op
                                    + " in a constant expression at byte " + position);
                        }
                    }
                    default -> throw new UnexpectedShapeException("unexpected instruction 0x"
                            + Integer.toHexString(opcode) + " in a constant expression at byte " + position);
                }
            }
        }
    }
}

/**
 * Finds every {@code @JSBody} in TeaVM 0.16's WebAssembly GC output. TeaVM's initializer creates each one with
 * {@code global.get $s; call $teavm.stringToJs} for every parameter name and then the body, followed by
 * {@code call $teavmJso.createFunctionN}. String constants are globals initialised with
 * {@code struct.new_default $String} and filled at start from one data segment of (LEB128 length, WTF-8) pairs,
 * in the order the initializer passes them to {@code $initStrings}. All of this runs in TeaVM's initializer, so a
 * script this step missed would make the patched runtime throw while loading, not later: every Chromium test
 * would fail at once.
 */
final class JsBodyExtractor {
    private static final Pattern CREATE_FUNCTION = Pattern.compile("createFunction(\\d+)");

    private JsBodyExtractor() {
    }

    static List<JsBody> extract(WasmModule wasm) {
        Map<Integer, String> strings = stringConstants(wasm);
        Integer stringToJs = wasm.exportedFunctions.get("teavm.stringToJs");
        if (stringToJs == null) {
            throw new UnexpectedShapeException("vellum.wasm exports no teavm.stringToJs");
        }
        byte[] callStringToJs = call(stringToJs);
        Map<String, JsBody> bodies = new LinkedHashMap<>();
        for (WasmModule.FunctionImport imported : wasm.functionImports) {
            Matcher m = CREATE_FUNCTION.matcher(imported.name());
            if (!imported.module().equals("teavmJso") || !m.matches()) {
                continue;
            }
            int arity = Integer.parseInt(m.group(1));
            byte[] callCreate = call(imported.functionIndex());
            for (int at = indexOf(wasm.code, callCreate, 0); at >= 0; at = indexOf(wasm.code, callCreate, at + 1)) {
                List<String> arguments = stringArgumentsBefore(wasm.code, at, arity + 1, callStringToJs, strings);
                if (arguments != null) {
                    JsBody body = new JsBody(List.copyOf(arguments.subList(0, arity)), arguments.get(arity));
                    bodies.putIfAbsent(body.key(), body);
                }
            }
        }
        if (bodies.isEmpty()) {
            throw new UnexpectedShapeException("found no @JSBody in vellum.wasm: TeaVM's output changed shape");
        }
        return new ArrayList<>(bodies.values());
    }

    /** Walks back over {@code count} pairs of (global.get string, call stringToJs); null if the bytes differ. */
    private static List<String> stringArgumentsBefore(byte[] code, int end, int count, byte[] callStringToJs,
            Map<Integer, String> strings) {
        String[] arguments = new String[count];
        int position = end;
        for (int i = count - 1; i >= 0; i--) {
            position -= callStringToJs.length;
            if (position < 0 || !java.util.Arrays.equals(code, position, position + callStringToJs.length,
                    callStringToJs, 0, callStringToJs.length)) {
                return null;
            }
            int lebStart = lebStartBefore(code, position);
            if (lebStart < 1 || code[lebStart - 1] != 0x23) {
                return null;
            }
            int global = leb(code, lebStart, position);
            String value = strings.get(global);
            if (value == null) {
                return null;
            }
            arguments[i] = value;
            position = lebStart - 1;
        }
        return List.of(arguments);
    }

    /**
     * Global index to string. TeaVM's initializer passes the string globals to {@code $initStrings} in pool order,
     * as {@code global.get} x K then {@code array.new_fixed $T K} (in chunks of at most 10,000); the pool's data
     * segment holds their characters in the same order.
     */
    private static Map<Integer, String> stringConstants(WasmModule wasm) {
        // Candidates: globals initialised with struct.new_default, keyed by that initialiser (so by struct type).
        Map<Integer, String> defaultStructType = new java.util.HashMap<>();
        wasm.globalInitializers.forEach((index, init) -> {
            if (init.length >= 3 && (init[0] & 0xff) == 0xfb && init[1] == 0x01) {
                defaultStructType.put(index, java.util.HexFormat.of().formatHex(init));
            }
        });
        Map<String, List<Integer>> runsByType = new LinkedHashMap<>();
        byte[] code = wasm.code;
        for (int at = 0; at + 1 < code.length; at++) {
            if ((code[at] & 0xff) != 0xfb || code[at + 1] != 0x08) {
                continue;
            }
            WasmModule.Reader immediates = new WasmModule.Reader(code, at + 2, code.length);
            immediates.u32();
            int count = immediates.u32();
            List<Integer> globals = count > 0 ? globalGetsBefore(code, at, count) : null;
            if (globals == null || immediates.atEnd() || immediates.byte_() != 0x10) {
                continue;
            }
            // Keyed by the function the array goes to as well: string arrays in the app's own code go elsewhere.
            String type = defaultStructType.get(globals.get(0));
            String key = type + " to function " + immediates.u32();
            if (type != null && globals.stream().allMatch(g -> type.equals(defaultStructType.get(g)))) {
                runsByType.computeIfAbsent(key, k -> new ArrayList<>()).addAll(globals);
            }
        }
        Map<Integer, String> result = null;
        for (byte[] segment : wasm.dataSegments) {
            List<String> pool = decodePool(segment);
            if (pool == null || pool.isEmpty()) {
                continue;
            }
            for (List<Integer> poolOrder : runsByType.values()) {
                if (poolOrder.size() != pool.size()) {
                    continue;
                }
                if (result != null) {
                    throw new UnexpectedShapeException("more than one candidate string pool in vellum.wasm");
                }
                result = new LinkedHashMap<>();
                for (int i = 0; i < pool.size(); i++) {
                    if (result.put(poolOrder.get(i), pool.get(i)) != null) {
                        throw new UnexpectedShapeException("a global appears twice in vellum.wasm's string pool");
                    }
                }
            }
        }
        if (result == null) {
            throw new UnexpectedShapeException("found no string pool in vellum.wasm whose size matches the string "
                    + "globals passed to initStrings");
        }
        return result;
    }

    /** The {@code count} global indices of the {@code global.get}s that end just before {@code end}, or null. */
    private static List<Integer> globalGetsBefore(byte[] code, int end, int count) {
        Integer[] globals = new Integer[count];
        int position = end;
        for (int i = count - 1; i >= 0; i--) {
            int lebStart = lebStartBefore(code, position);
            if (lebStart < 1 || code[lebStart - 1] != 0x23) {
                return null;
            }
            globals[i] = leb(code, lebStart, position);
            position = lebStart - 1;
        }
        return List.of(globals);
    }

    /**
     * Where the LEB128 that ends just before {@code end} starts, or -1. Its last byte has the top bit clear and the
     * others set, so walking back is unambiguous given that a one-byte opcode below 0x80 precedes it.
     */
    private static int lebStartBefore(byte[] code, int end) {
        int start = end - 1;
        if (start < 1 || (code[start] & 0x80) != 0) {
            return -1;
        }
        while (start > 0 && (code[start - 1] & 0x80) != 0 && end - start < 5) {
            start--;
        }
        return start;
    }

    private static int leb(byte[] code, int start, int end) {
        int value = 0;
        for (int k = start, shift = 0; k < end; k++, shift += 7) {
            value |= (code[k] & 0x7f) << shift;
        }
        return value;
    }

    /** The segment as TeaVM's string pool, or null if it is not one: (LEB128 char count, WTF-8 chars) to its end. */
    private static List<String> decodePool(byte[] segment) {
        List<String> pool = new ArrayList<>();
        WasmModule.Reader in = new WasmModule.Reader(segment, 0, segment.length);
        try {
            while (!in.atEnd()) {
                int length = in.u32();
                StringBuilder s = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    int b = in.byte_();
                    if (b < 0x80) {
                        s.append((char) b);
                    } else if ((b & 0xe0) == 0xc0) {
                        s.append((char) ((b & 0x1f) << 6 | continuation(in)));
                    } else if ((b & 0xf0) == 0xe0) {
                        int middle = continuation(in);
                        s.append((char) ((b & 0x0f) << 12 | middle << 6 | continuation(in)));
                    } else {
                        return null;
                    }
                }
                pool.add(s.toString());
            }
        } catch (UnexpectedShapeException e) {
            return null;
        }
        return pool;
    }

    private static int continuation(WasmModule.Reader in) {
        int b = in.byte_();
        if ((b & 0xc0) != 0x80) {
            throw new UnexpectedShapeException("not WTF-8");
        }
        return b & 0x3f;
    }

    private static byte[] call(int functionIndex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x10);
        int value = functionIndex;
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

/** Writes the {@code @JSBody} scripts as a table of ordinary functions, loaded before TeaVM's runtime. */
final class StaticBodiesScript {
    private StaticBodiesScript() {
    }

    static String render(List<JsBody> bodies) {
        StringBuilder js = new StringBuilder();
        js.append("// Generated at build time by web-client/src/build/java/SealWebroot.java from app/vellum.wasm.\n")
                .append("// Each @JSBody script as a function, so that TeaVM's runtime needs no new Function and\n")
                .append("// the page's CSP can forbid eval. Not strict mode, as TeaVM's new Function would not be.\n")
                .append("var VellumJsBodies = new Map([\n");
        for (JsBody body : bodies) {
            js.append("  [").append(jsString(body.key())).append(", function (wrapCallFromJavaToJs");
            for (String name : body.parameterNames()) {
                if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    throw new UnexpectedShapeException("@JSBody parameter name is not an identifier: " + name);
                }
                js.append(", ").append(name);
            }
            js.append(") {\n").append(asciiOnly(body.body())).append("\n}],\n");
        }
        js.append("]);\n");
        return js.toString();
    }

    /**
     * The script with every non-ASCII character as a \\u escape, which means the same character in string, template
     * and regular expression literals and in identifiers, so the file does not depend on the charset it is served in.
     */
    static String asciiOnly(String script) {
        StringBuilder s = new StringBuilder();
        for (char c : script.toCharArray()) {
            if (c < 0x80) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.toString();
    }

    /** A JavaScript string literal in plain ASCII. */
    static String jsString(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.append('"').toString();
    }
}

/**
 * Rewrites each {@code new Function} in TeaVM 0.16.0's WebAssembly GC runtime ({@code wasm-gc-runtime.js}, not
 * minified) into code that evaluates no string. The glue it built was generic in an arity, so closures over rest
 * parameters do the same; only {@code createFunctionN}, which compiled {@code @JSBody} scripts, now looks the
 * script up in the build-time table {@code VellumJsBodies} (app/jsbodies.js).
 */
final class RuntimePatch {
    private record Replacement(String why, String from, String to) {
    }

    private static final List<Replacement> REPLACEMENTS = List.of(
            new Replacement("global names", """
                  function getGlobalName(name) {
                    let result = globalsCache.get(name);
                    if (typeof result === "undefined") {
                      result = new Function("return " + name + ";");
                      globalsCache.set(name, result);
                    }
                    return result();
                  }
                  function setGlobalName(name, value) {
                    new Function("value", name + " = value;")(value);
                  }
                """, """
                  function getGlobalName(name) {
                    return name.split(".").reduce((scope, part) => scope[part], globalThis);
                  }
                  function setGlobalName(name, value) {
                    const parts = name.split(".");
                    const last = parts.pop();
                    parts.reduce((scope, part) => scope[part], globalThis)[last] = value;
                  }
                  function vellumArguments(args, arity, vararg) {
                    return vararg ? [...args.slice(0, arity - 1), args.slice(arity - 1)] : args.slice(0, arity);
                  }
                """),
            new Replacement("defineFunction", """
                      const paramsAsString = paramsForString.join(", ");
                      return new Function(
                        "rethrowJavaAsJs",
                        "fn",
                        `return function(${paramsAsString}) {
                    try {
                        return fn(${params.join(", ")});
                    } catch (e) {
                        rethrowJavaAsJs(e);
                    }
                };`
                      )(rethrowJavaAsJs, fn);
                    }
                """, """
                      return function(...args) {
                        try {
                          return fn(...vellumArguments(args, fn.length, vararg));
                        } catch (e) {
                          rethrowJavaAsJs(e);
                        }
                      };
                    }
                """),
            new Replacement("renameConstructor", """
                    function renameConstructor(name, c) {
                      return new Function(
                        "constructor",
                        `return function ${name}(marker, javaObject) {
                    return constructor.call(this, marker, javaObject);
                }
                `
                      )(c);
                    }
                """, """
                    function renameConstructor(name, c) {
                      const renamed = function(marker, javaObject) {
                        return c.call(this, marker, javaObject);
                      };
                      Object.defineProperty(renamed, "name", { value: name });
                      return renamed;
                    }
                """),
            new Replacement("defineMethod", """
                        const paramsAsString = paramsForString.join(", ");
                        cls.prototype[name] = new Function(
                          "rethrowJavaAsJs",
                          "fn",
                          `return function(${paramsAsString}) {
                    try {
                        return fn(${["this", ...params].join(", ")});
                    } catch (e) {
                        rethrowJavaAsJs(e);
                    }
                };`
                        )(rethrowJavaAsJs, fn);
                """, """
                        cls.prototype[name] = function(...args) {
                          try {
                            return fn(this, ...vellumArguments(args, fn.length - 1, vararg));
                          } catch (e) {
                            rethrowJavaAsJs(e);
                          }
                        };
                """),
            new Replacement("arity-indexed glue", """
                    const argumentList = [];
                    for (let i = 0; i < 32; ++i) {
                      const args = argumentList.length === 0 ? "" : argumentList.join(", ");
                      const argsAndBody = [...argumentList, "body"].join(", ");
                      imports.teavmJso["createFunction" + i] = new Function(
                        "wrapCallFromJavaToJs",
                        ...argumentList,
                        "body",
                        `return new Function('wrapCallFromJavaToJs', ${argsAndBody}).bind(this, wrapCallFromJavaToJs);`
                      ).bind(null, wrapCallFromJavaToJs);
                      imports.teavmJso["bindFunction" + i] = (f, ...bindArgs) => f.bind(null, ...bindArgs);
                      imports.teavmJso["callFunction" + i] = new Function(
                        "rethrowJsAsJava",
                        "fn",
                        ...argumentList,
                        `try {
                    return fn(${args});
                } catch (e) {
                    rethrowJsAsJava(e);
                }`
                      ).bind(null, rethrowJsAsJava);
                      imports.teavmJso["callMethod" + i] = new Function(
                        "rethrowJsAsJava",
                        "getGlobalName",
                        "instance",
                        "method",
                        ...argumentList,
                        `try {
                    return instance !== null
                        ? instance[method](${args})
                        : getGlobalName(method)(${args});
                } catch (e) {
                    rethrowJsAsJava(e);
                }`
                      ).bind(null, rethrowJsAsJava, getGlobalName);
                      imports.teavmJso["construct" + i] = new Function(
                        "rethrowJsAsJava",
                        "constructor",
                        ...argumentList,
                        `try {
                    return new constructor(${args});
                } catch (e) {
                    rethrowJsAsJava(e);
                }`
                      ).bind(null, rethrowJsAsJava);
                      imports.teavmJso["arrayOf" + i] = new Function(
                        ...argumentList,
                        "return [" + args + "]"
                      );
                      argumentList.push("p" + (i + 1));
                    }
                """, """
                    function createStaticFunction(...namesAndBody) {
                      const key = namesAndBody.join("\\u0000");
                      const compiled = typeof VellumJsBodies === "object" ? VellumJsBodies.get(key) : undefined;
                      if (compiled === undefined) {
                        throw new Error("This @JSBody script was not compiled at build time (app/jsbodies.js): " + key);
                      }
                      return compiled.bind(globalThis, wrapCallFromJavaToJs);
                    }
                    for (let i = 0; i < 32; ++i) {
                      imports.teavmJso["createFunction" + i] = createStaticFunction;
                      imports.teavmJso["bindFunction" + i] = (f, ...bindArgs) => f.bind(null, ...bindArgs);
                      imports.teavmJso["callFunction" + i] = (fn, ...args) => {
                        try {
                          return fn(...args.slice(0, i));
                        } catch (e) {
                          rethrowJsAsJava(e);
                        }
                      };
                      imports.teavmJso["callMethod" + i] = (instance, method, ...args) => {
                        const passed = args.slice(0, i);
                        try {
                          return instance !== null ? instance[method](...passed) : getGlobalName(method)(...passed);
                        } catch (e) {
                          rethrowJsAsJava(e);
                        }
                      };
                      imports.teavmJso["construct" + i] = (constructor, ...args) => {
                        try {
                          return new constructor(...args.slice(0, i));
                        } catch (e) {
                          rethrowJsAsJava(e);
                        }
                      };
                      imports.teavmJso["arrayOf" + i] = (...args) => args.slice(0, i);
                    }
                """));

    /** Function(...), new Function(...), eval(...), and the string forms of setTimeout/setInterval. */
    private static final Pattern DYNAMIC_CODE =
            Pattern.compile("(?<![\\w$.])(Function|eval)\\s*\\(|set(Timeout|Interval)\\s*\\(\\s*[\"'`]");

    private RuntimePatch() {
    }

    static String apply(String runtime) {
        String patched = runtime;
        for (Replacement r : REPLACEMENTS) {
            int first = patched.indexOf(r.from());
            if (first < 0 || patched.indexOf(r.from(), first + 1) >= 0) {
                throw new UnexpectedShapeException("TeaVM's wasm-gc runtime changed: the " + r.why()
                        + " passage is not there exactly once; update RuntimePatch for the new runtime");
            }
            patched = patched.replace(r.from(), r.to());
        }
        Matcher dynamicCode = DYNAMIC_CODE.matcher(patched);
        if (dynamicCode.find()) {
            throw new UnexpectedShapeException("the patched wasm-gc runtime still evaluates strings: "
                    + dynamicCode.group());
        }
        return patched;
    }
}
