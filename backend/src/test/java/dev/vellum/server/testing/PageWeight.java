package dev.vellum.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
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
 *
 * <p>Such a visitor only reads, so the browser keeps no copy of the note and each visit gets its whole history over
 * the socket: the socket's bytes are the note's, not the page's. Both visits therefore measure one
 * {@link #referenceNote}, which is the same size on every run and whose writer has left.
 */
public final class PageWeight {
    /** After the note is editable, how long late requests (the app's own, after start) may still arrive. */
    private static final int SETTLE_MILLIS = 1_000;

    private PageWeight() {
    }

    /** One HTTP response as Chromium counted it; {@code status} is the one on the wire (304 for a revalidation). */
    public record Response(String url, int status, String encoding, boolean fromCache, long wireBytes) {
    }

    /** One WebSocket frame's payload; {@code type} is its second byte (FrameCodec's type), -1 for a text frame. */
    public record SocketFrame(boolean sent, int type, long bytes) {
    }

    /** One visit: every HTTP response and every WebSocket frame. */
    public record Visit(List<Response> responses, List<SocketFrame> frames) {
        public long httpBytes() {
            return responses.stream().mapToLong(Response::wireBytes).sum();
        }

        public long webSocketBytes() {
            return frames.stream().mapToLong(SocketFrame::bytes).sum();
        }

        public long totalBytes() {
            return httpBytes() + webSocketBytes();
        }

        /** One line per response, then the totals, for a test log or the benchmark's output. */
        public String describe(String title) {
            StringBuilder out = new StringBuilder(title).append('\n');
            for (Response r : responses) {
                out.append(String.format(Locale.ROOT, "  %9s B  %3d %-8s %s%s%n", String.format(Locale.ROOT,
                        "%,d", r.wireBytes()), r.status(), r.encoding().isEmpty() ? "identity" : r.encoding(),
                        r.url().replaceFirst("^https?://[^/]+", ""), r.fromCache() ? " (from cache)" : ""));
            }
            out.append(describeFrames());
            out.append(String.format(Locale.ROOT, "  %,9d B  HTTP, %,d B WebSocket frames, %,d B in all%n",
                    httpBytes(), webSocketBytes(), totalBytes()));
            return out.toString();
        }

        /** The frames summed by direction and type, so that a failing bound says whose bytes grew. */
        private String describeFrames() {
            Map<String, long[]> byKind = new LinkedHashMap<>();
            for (SocketFrame f : frames) {
                long[] countAndBytes = byKind.computeIfAbsent((f.sent() ? "sent" : "received") + " type "
                        + f.type(), kind -> new long[2]);
                countAndBytes[0]++;
                countAndBytes[1] += f.bytes();
            }
            StringBuilder out = new StringBuilder();
            byKind.forEach((kind, countAndBytes) -> out.append(String.format(Locale.ROOT,
                    "  %9s B  WebSocket, %d frame(s) %s%n", String.format(Locale.ROOT, "%,d", countAndBytes[1]),
                    countAndBytes[0], kind)));
            return out.toString();
        }
    }

    /** The first and the repeat visit to {@code noteLink} in one fresh browser context. */
    public record Visits(Visit first, Visit repeat) {
    }

    /**
     * Starts a note at {@code homeUrl} in a browser of its own, writes one line in one input (as a paste would, so
     * that it is one revision however fast the machine types), waits until it is saved, then closes that browser, so
     * that no presence or idle snapshot of the writer's reaches the visits. Returns the note's link.
     */
    public static String referenceNote(Browser browser, String homeUrl) {
        BrowserContext writer = browser.newContext();
        try {
            Page page = writer.newPage();
            page.navigate(homeUrl);
            NotePage.pressNewNote(page);
            NotePage.note(page).fill("weighed on the wire");
            assertThat(NotePage.status(page)).hasText(NotePage.SAVED);
            return page.url();
        } finally {
            writer.close();
        }
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
        List<SocketFrame> frames = java.util.Collections.synchronizedList(new ArrayList<>());
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
        devtools.on("Network.webSocketFrameReceived", event -> frames.add(frame(false, event)));
        devtools.on("Network.webSocketFrameSent", event -> frames.add(frame(true, event)));
        devtools.send("Network.enable");
        page.navigate(noteLink);
        assertThat(NotePage.note(page)).isEditable();
        page.waitForTimeout(SETTLE_MILLIS);
        page.close();
        synchronized (finished) {
            synchronized (frames) {
                return new Visit(List.copyOf(finished), List.copyOf(frames));
            }
        }
    }

    private static SocketFrame frame(boolean sent, JsonObject event) {
        JsonObject frame = event.getAsJsonObject("response");
        String payload = frame.get("payloadData").getAsString();
        if (frame.get("opcode").getAsInt() != 2) {
            return new SocketFrame(sent, -1, payload.length());
        }
        // Binary frames arrive base64-encoded: count the bytes they carried, not their base64 text.
        byte[] bytes = Base64.getDecoder().decode(payload);
        return new SocketFrame(sent, bytes.length > 1 ? bytes[1] & 0xff : -1, bytes.length);
    }
}
