package dev.vellum.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a visit to an editable note costs on the wire, counted by Chromium itself (DevTools protocol): for every HTTP
 * response, {@code Network.loadingFinished}'s {@code encodedDataLength} (headers and body as received, so compressed
 * bodies count compressed and a response served from the browser's cache counts 0), and every WebSocket frame's
 * payload in both directions. The first visit is a fresh browser (someone opening a link they were sent); the repeat
 * visit is the same browser opening it again in a new tab after closing the first.
 */
public final class PageWeight {
    /** After the note is editable, how long late requests (the app's own, after start) may still arrive. */
    private static final int SETTLE_MILLIS = 1_000;

    private PageWeight() {
    }

    /** One HTTP response as Chromium counted it; {@code status} is the one on the wire (304 for a revalidation). */
    public record Response(String url, int status, String encoding, boolean fromCache, long wireBytes) {
    }

    /** One visit: every HTTP response and the WebSocket bytes. */
    public record Visit(List<Response> responses, long webSocketBytes) {
        public long httpBytes() {
            return responses.stream().mapToLong(Response::wireBytes).sum();
        }

        public long totalBytes() {
            return httpBytes() + webSocketBytes;
        }

        /** One line per response, then the totals, for a test log or the benchmark's output. */
        public String describe(String title) {
            StringBuilder out = new StringBuilder(title).append('\n');
            for (Response r : responses) {
                out.append(String.format(Locale.ROOT, "  %9s B  %3d %-8s %s%s%n", String.format(Locale.ROOT,
                        "%,d", r.wireBytes()), r.status(), r.encoding().isEmpty() ? "identity" : r.encoding(),
                        r.url().replaceFirst("^https?://[^/]+", ""), r.fromCache() ? " (from cache)" : ""));
            }
            out.append(String.format(Locale.ROOT, "  %,9d B  HTTP, %,d B WebSocket frames, %,d B in all%n",
                    httpBytes(), webSocketBytes, totalBytes()));
            return out.toString();
        }
    }

    /** The first and the repeat visit to {@code noteLink} in one fresh browser context. */
    public record Visits(Visit first, Visit repeat) {
    }

    /** Opens {@code noteLink} twice in a new context of {@code browser}; closes the context. */
    public static Visits measure(Browser browser, String noteLink) {
        BrowserContext person = browser.newContext();
        try {
            Visit first = visit(person, noteLink);
            Visit repeat = visit(person, noteLink);
            return new Visits(first, repeat);
        } finally {
            person.close();
        }
    }

    private static Visit visit(BrowserContext person, String noteLink) {
        Page page = person.newPage();
        CDPSession devtools = person.newCDPSession(page);
        Map<String, Response> started = new ConcurrentHashMap<>();
        // Chromium reports a revalidated response as the cached 200; the status on the wire (304) comes apart.
        Map<String, Integer> wireStatus = new ConcurrentHashMap<>();
        devtools.on("Network.responseReceivedExtraInfo", event -> wireStatus.put(
                event.get("requestId").getAsString(), event.get("statusCode").getAsInt()));
        List<Response> finished = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] webSocketBytes = {0};
        devtools.on("Network.responseReceived", event -> {
            JsonObject response = event.getAsJsonObject("response");
            JsonObject headers = response.getAsJsonObject("headers");
            String encoding = "";
            for (String name : headers.keySet()) {
                if (name.equalsIgnoreCase("content-encoding")) {
                    encoding = headers.get(name).getAsString();
                }
            }
            boolean fromCache = response.has("fromDiskCache") && response.get("fromDiskCache").getAsBoolean()
                    || response.has("fromMemoryCache") && response.get("fromMemoryCache").getAsBoolean();
            started.put(event.get("requestId").getAsString(), new Response(response.get("url").getAsString(),
                    response.get("status").getAsInt(), encoding, fromCache, 0));
        });
        devtools.on("Network.loadingFinished", event -> {
            String requestId = event.get("requestId").getAsString();
            Response response = started.remove(requestId);
            if (response != null) {
                finished.add(new Response(response.url(), wireStatus.getOrDefault(requestId, response.status()),
                        response.encoding(),
                        response.fromCache(), (long) event.get("encodedDataLength").getAsDouble()));
            }
        });
        devtools.on("Network.webSocketFrameReceived", event -> addFrame(webSocketBytes, event));
        devtools.on("Network.webSocketFrameSent", event -> addFrame(webSocketBytes, event));
        devtools.send("Network.enable");
        page.navigate(noteLink);
        assertThat(NotePage.note(page)).isEditable();
        page.waitForTimeout(SETTLE_MILLIS);
        page.close();
        synchronized (finished) {
            return new Visit(List.copyOf(finished), webSocketBytes[0]);
        }
    }

    private static void addFrame(long[] total, JsonObject event) {
        JsonObject frame = event.getAsJsonObject("response");
        String payload = frame.get("payloadData").getAsString();
        // Binary frames (opcode 2) arrive base64-encoded: count the bytes they carried, not their base64 text.
        long bytes = frame.get("opcode").getAsInt() == 2 ? payload.length() / 4L * 3 : payload.length();
        synchronized (total) {
            total[0] += bytes;
        }
    }
}
