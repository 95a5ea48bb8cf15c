package dev.vellum.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.client.crdt.EditingTraces;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.trace.EditTrace;
import dev.vellum.client.crdt.trace.EditTraceJson;
import dev.vellum.client.crdt.trace.TraceReplayer;
import dev.vellum.client.testing.BrowserCrypto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays editing traces through the text CRDT on the JVM and, compiled by TeaVM to WebAssembly GC, in headless
 * Chromium; prints the median time of five replays and the encoded size of the result. Any trace file in the
 * josephg/editing-traces format (gzipped JSON, sequential or concurrent) can be named on the command line; without
 * arguments the bundled traces run. Exits with status 1 if any replay does not give the trace's endContent.
 *
 * <pre>mvn -B -q -pl web-client-conformance -am verify -DskipTests -Pcrdt-benchmark [-Dtraces=/path/a.json.gz,/path/b.json.gz]</pre>
 */
public final class CrdtTraceBenchmark {
    private static final List<String> BUNDLED = List.of("automerge-paper.json.gz", "seph-blog1.json.gz",
            "rustcode.json.gz", "friendsforever-concurrent.json.gz");
    private static final int RUNS = 5;

    /** Runs in the page: one warm-up, then {@value #RUNS} timed replays; the median and the checks come back. */
    private static final String BROWSER_REPLAY = """
            t => {
              const i32 = a => a === null || a === undefined ? null : Int32Array.from(a);
              const args = [t.agentCount, i32(t.positions), i32(t.deletes), i32(t.insertLengths), t.inserts,
                  i32(t.agents), i32(t.patchCounts), i32(t.parentCounts), i32(t.parents)];
              const first = vellum.replayTrace(...args);
              const times = [];
              for (let i = 0; i < t.runs; i++) {
                const t0 = performance.now();
                vellum.replayTrace(...args);
                times.push(performance.now() - t0);
              }
              times.sort((a, b) => a - b);
              return { ok: first === t.endContent, ms: times[times.length >> 1], bytes: vellum.lastEncodedSize() };
            }
            """;

    private CrdtTraceBenchmark() {
    }

    public static void main(String[] args) {
        List<String> traces = args.length == 0 || args[0].isBlank() ? BUNDLED : Arrays.asList(args[0].split(","));
        boolean allCorrect = true;
        List<String[]> rows = new ArrayList<>();
        try (BrowserCrypto chromium = BrowserCrypto.start()) {
            for (String name : traces) {
                JsonNode json = EditingTraces.load(name.trim());
                String endContent = json.get("endContent").asText();
                EditTrace trace = EditTraceJson.flatten(json);
                double[] jvm = replayOnJvm(trace, endContent);
                @SuppressWarnings("unchecked")
                Map<String, Object> browser = (Map<String, Object>) chromium.evaluate(BROWSER_REPLAY,
                        browserArgument(trace, endContent));
                boolean browserCorrect = Boolean.TRUE.equals(browser.get("ok"));
                allCorrect &= jvm[0] == 1 && browserCorrect;
                rows.add(new String[] {name.substring(name.lastIndexOf('/') + 1), String.valueOf(trace.patchCount()),
                    ms(jvm[1]), String.format(Locale.ROOT, "%,.0f B", jvm[2]),
                    browserCorrect ? ms(((Number) browser.get("ms")).doubleValue()) : "WRONG TEXT",
                    String.format(Locale.ROOT, "%,d B", ((Number) browser.get("bytes")).intValue()),
                    jvm[0] == 1 && browserCorrect ? "yes" : "NO"});
            }
        }
        printTable(rows);
        if (!allCorrect) {
            System.out.println("At least one replay did not give the trace's endContent.");
            System.exit(1);
        }
    }

    /** Returns {1 if every replica ends with endContent else 0, median ms, encoded bytes}. */
    private static double[] replayOnJvm(EditTrace trace, String endContent) {
        List<TextDocument> replicas = TraceReplayer.replay(trace); // warm-up, and the correctness check
        boolean correct = replicas.stream().allMatch(replica -> replica.text().equals(endContent));
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            TraceReplayer.replay(trace);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return new double[] {correct ? 1 : 0, times[RUNS / 2], replicas.get(0).encodeState().length};
    }

    private static Map<String, Object> browserArgument(EditTrace trace, String endContent) {
        Map<String, Object> argument = new HashMap<>();
        boolean concurrent = trace.agentCount() > 1;
        argument.put("agentCount", trace.agentCount());
        argument.put("positions", list(trace.positions()));
        argument.put("deletes", list(trace.deletes()));
        argument.put("insertLengths", list(trace.insertLengths()));
        argument.put("inserts", trace.inserts());
        argument.put("agents", concurrent ? list(trace.agents()) : null);
        argument.put("patchCounts", concurrent ? list(trace.patchCounts()) : null);
        argument.put("parentCounts", concurrent ? list(trace.parentCounts()) : null);
        argument.put("parents", concurrent ? list(trace.parents()) : null);
        argument.put("endContent", endContent);
        argument.put("runs", RUNS);
        return argument;
    }

    /** Playwright passes lists, not Java arrays, to the page. */
    private static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static void printTable(List<String[]> rows) {
        System.out.println();
        System.out.println("Vellum text CRDT: trace replay (median of " + RUNS + "), JVM 17 and Chromium (TeaVM wasm)");
        String format = "%-36s %9s %12s %12s %16s %14s %8s%n";
        System.out.printf(Locale.ROOT, format, "trace", "patches", "JVM", "JVM size", "Chromium", "Chromium size",
                "correct");
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, format, (Object[]) row);
        }
        System.out.println("Reference: Yjs 13.6 on Node 20 here replays automerge-paper in about 1,200 ms, 311 KB.");
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%,.0f ms", value);
    }
}
