package dev.vellum.server.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.AccountProbe;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.ServerAndBrowser;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.WorkspaceBuilder;
import dev.vellum.server.testing.WorkspaceBuilder.Member;
import dev.vellum.server.testing.WorkspacePages;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestWorkspace.Person;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Opening a large workspace, and rotating its key, in headless Chromium against the real server on loopback.
 *
 * <p>The workspace has {@value #MEMBERS} members, a membership log of {@value #LOG_ENTRIES} entries (the members'
 * invitations and acceptances, {@value #ROTATIONS_IN_LOG} key rotations and role changes) and {@value #NOTES} notes
 * with titles, built in seconds by the JVM playing every member's browser ({@link WorkspaceBuilder}) through the
 * HTTP API. The person benchmarked signed up in the page; the others are accounts made on the JVM.
 *
 * <ul>
 *   <li>Open: from navigation start (the page's time origin) to the next frame after the note list holds all
 *       {@value #NOTES} links, each with its decrypted title and none marked unverified; on the way the page
 *       restores the session, fetches the log, keys and notes, checks the log from genesis, opens its key envelope
 *       and reads every title. Cold: the first navigation in this browser, which verifies every entry's and every
 *       title's signature and opens every title. Warm: the median of the {@value #OPEN_ROUNDS} navigations after
 *       it, which verify only what this browser's sealed record of earlier openings does not cover (see the
 *       web client's VerifiedCache), as a member's repeated visits do.</li>
 *   <li>Rotate: from the click on "Remove ..." to the page saying the member was removed, in a workspace of
 *       {@value #MEMBERS} members: two signed entries, a fresh epoch key sealed to the {@value #MEMBERS} - 1 who stay,
 *       the link back to the old key, the request, and the workspace verified again. Median of
 *       {@value #ROTATION_ROUNDS} removals, each in a workspace of its own.</li>
 * </ul>
 * Figures, with the targets (500 ms and 1 s) printed beside them; not pass/fail.
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Pworkspace-benchmark</pre>
 */
public final class WorkspaceBenchmark {
    private static final int MEMBERS = 20;
    private static final int LOG_ENTRIES = 200;
    private static final int ROTATIONS_IN_LOG = 3;
    private static final int NOTES = 500;
    private static final int OPEN_ROUNDS = 7;
    private static final int ROTATION_ROUNDS = 5;
    private static final String USERNAME = "bench";
    private static final String PASSPHRASE = "benchmark quartz lantern river";
    private static final String TITLE_PREFIX = "Bench note ";

    /**
     * Run in the page before its own scripts: marks the next frame after the note list holds every note, each
     * link with its decrypted title and none marked unverified.
     */
    private static final String LIST_SHOWN = "(() => {\n"
            + "  const done = () => {\n"
            + "    const links = document.querySelectorAll('#note-list a');\n"
            + "    if (links.length !== " + NOTES + ") return false;\n"
            + "    for (const a of links) if (!a.textContent.startsWith('" + TITLE_PREFIX + "')) return false;\n"
            + "    return document.querySelectorAll('#note-list .badge-warn').length === 0;\n"
            + "  };\n"
            + "  const observer = new MutationObserver(() => {\n"
            + "    if (done()) {\n"
            + "      observer.disconnect();\n"
            + "      requestAnimationFrame(() => { window.__vellumListShown = performance.now(); });\n"
            + "    }\n"
            + "  });\n"
            + "  observer.observe(document, {childList: true, subtree: true, characterData: true});\n"
            + "})();";

    private WorkspaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean profile = Arrays.asList(args).contains("profile");
        Path dataDir = Files.createTempDirectory("vellum-workspace-bench");
        // The other members sign up from this one address, and the benchmarked person makes many notes.
        try (ServerAndBrowser running = ServerAndBrowser.start(TestConfigs.withFlags(dataDir,
                "--sign-ups-per-address-per-hour", "1000", "--notes-per-address-per-hour", "100000"))) {
            RunningServer server = running.server();
            BrowserContext context = running.browser().newContext();
            Page page = WorkspacePages.signUp(context, server, USERNAME, PASSPHRASE);
            // The first sign-in makes the personal workspace: let it finish before building beside it.
            WorkspacePages.link(page, "Personal").waitFor(new Locator.WaitForOptions()
                    .setTimeout(WorkspacePages.SLOW_MILLIS));
            Member owner = loggedInOwner(server, context);
            List<Member> others = new ArrayList<>();
            for (int i = 1; i < MEMBERS; i++) {
                AccountBrowser member = new AccountBrowser(new TestAccount(String.format(Locale.ROOT, "member%02d", i),
                        "member passphrase " + i), server.port());
                WorkspaceBuilder.expect(member.signUp(), 201);
                others.add(new Member(Person.of(member.account), member.client));
            }

            long buildStart = System.nanoTime();
            WorkspaceBuilder large = buildLarge(owner, others);
            System.out.printf(Locale.ROOT, "Built a workspace of %d members, %d log entries and %d notes in %.1f s%n",
                    large.members().size(), large.workspace().entries.size(), NOTES,
                    (System.nanoTime() - buildStart) / 1e9);

            double[] opens = new double[OPEN_ROUNDS];
            double cold = 0;
            String url = server.url("/w/" + large.id());
            Page opening = context.newPage();
            opening.addInitScript(LIST_SHOWN);
            // A page behind another gets animation frames about once a second: measure in the one in front.
            opening.bringToFront();
            for (int round = -1; round < OPEN_ROUNDS; round++) {
                double[] millis = new double[1];
                profiled(opening, profile && round == OPEN_ROUNDS - 1, "the last opening",
                        () -> millis[0] = openToList(opening, url));
                if (round >= 0) {
                    opens[round] = millis[0];
                } else {
                    cold = millis[0];
                }
            }

            double[] rotations = new double[ROTATION_ROUNDS];
            page.bringToFront();
            for (int round = 0; round < ROTATION_ROUNDS; round++) {
                WorkspaceBuilder small = WorkspaceBuilder.create(owner, "Rotation " + round);
                for (Member member : others) {
                    small.addMember(member, Role.EDITOR);
                }
                Member leaving = others.get(round % others.size());
                rotations[round] = removeMember(page, server.url("/w/" + small.id()),
                        leaving.person().username().value(), profile && round == 0);
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "Workspaces in Chromium (TeaVM wasm), ms: median [min-max]%n");
            System.out.printf(Locale.ROOT, "%-62s %6.0f   (one run; nothing kept in this browser yet)%n",
                    "open, cold: first opening in this browser", cold);
            System.out.printf(Locale.ROOT, "%-62s %s   target <= 500%n", "open, warm: navigation to " + NOTES
                    + " titles shown (" + MEMBERS + " members, " + LOG_ENTRIES + " entries)", summary(opens));
            System.out.printf(Locale.ROOT, "%-62s %s   target <= 1000%n", "rotate: remove 1 of " + MEMBERS
                    + " members, new key sealed to " + (MEMBERS - 1), summary(rotations));
            System.out.println("open rounds: " + Arrays.toString(round(opens)));
            System.out.println("rotate rounds: " + Arrays.toString(round(rotations)));
        }
    }

    /** The person signed up in the page, with their identity opened on the JVM and the page's session cookie. */
    private static Member loggedInOwner(RunningServer server, BrowserContext context) throws Exception {
        ApiClient client = new ApiClient(server.port());
        for (Cookie cookie : context.cookies(server.url("/"))) {
            if (cookie.name.equals(ApiClient.COOKIE)) {
                client.useSessionCookie(cookie.value);
            }
        }
        ApiClient.Response session = WorkspaceBuilder.expect(client.get("/api/session"), 200);
        IdentityKeyPair identity = new AccountProbe(server).identity(USERNAME, PASSPHRASE);
        return new Member(new Person(AccountId.parse(session.json().getString("accountId")),
                Username.parse(USERNAME), identity), client);
    }

    /**
     * Every member invited and accepted, then role changes back and forth and a few rotations until the log holds
     * {@value #LOG_ENTRIES} entries, then the notes, titled under the last epoch by members in turn.
     */
    private static WorkspaceBuilder buildLarge(Member owner, List<Member> others) {
        WorkspaceBuilder builder = WorkspaceBuilder.create(owner, "Benchmark workspace");
        for (Member member : others) {
            builder.addMember(member, Role.EDITOR);
        }
        int rotationsLeft = ROTATIONS_IN_LOG;
        int next = 0;
        while (builder.workspace().entries.size() < LOG_ENTRIES) {
            int left = LOG_ENTRIES - builder.workspace().entries.size();
            if (rotationsLeft > 0 && (left % 50 == 0 || left <= rotationsLeft)) {
                builder.rotate();
                rotationsLeft--;
            } else if (left >= 2 || rotationsLeft == 0) {
                Member member = others.get(next++ % others.size());
                builder.changeRole(member, Role.VIEWER);
                if (builder.workspace().entries.size() < LOG_ENTRIES) {
                    builder.changeRole(member, Role.EDITOR);
                }
            }
        }
        List<Member> writers = new ArrayList<>(others);
        writers.add(0, owner);
        for (int i = 0; i < NOTES; i++) {
            builder.addNote(writers.get(i % writers.size()), String.format(Locale.ROOT, "%s%03d: harbour survey",
                    TITLE_PREFIX, i + 1));
        }
        return builder;
    }

    /** Navigates to the workspace and answers the page's time from navigation start to the full list shown. */
    private static double openToList(Page page, String url) {
        page.navigate("about:blank");
        page.navigate(url);
        page.waitForFunction("() => window.__vellumListShown !== undefined", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        System.out.println("  marks: " + page.evaluate("() => performance.getEntriesByType('mark').map(m => m.name.replace('vellum-', '') + ' ' + Math.round(m.startTime)).join(', ')"));
        System.out.println("  static: " + page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return 'nav ' + Math.round(n.responseEnd) + ' dcl ' + Math.round(n.domContentLoadedEventEnd) + ' load ' + Math.round(n.loadEventEnd) + ', ' + performance.getEntriesByType('resource').filter(r => !r.name.includes('/api/')).map(r => new URL(r.name).pathname + ' ' + Math.round(r.startTime) + '-' + Math.round(r.responseEnd)).join(', '); }"));
        System.out.println("  open: " + apiTimeline(page, 0) + " -> shown at "
                + Math.round(((Number) page.evaluate("() => window.__vellumListShown")).doubleValue()));
        return ((Number) page.evaluate("() => window.__vellumListShown")).doubleValue();
    }

    /** The page's API requests since {@code from} (ms on its clock): path, start and end, for the breakdown. */
    private static String apiTimeline(Page page, double from) {
        return String.valueOf(page.evaluate("from => performance.getEntriesByType('resource')"
                + ".filter(r => r.name.includes('/api/') && r.startTime >= from)"
                + ".map(r => r.initiatorType.substring(0, 1) + ' ' + new URL(r.name).pathname.replace(/[A-Za-z0-9_-]{22}/g, '*')"
                + " + ' ' + Math.round(r.startTime) + '-' + Math.round(r.responseEnd)).join(', ')", from));
    }

    /** Removes {@code username} from the workspace at {@code url}; answers the page's time from click to done. */
    private static double removeMember(Page page, String url, String username, boolean profile) {
        page.navigate(url);
        Locator members = WorkspacePages.openMembers(page);
        members.getByRole(com.microsoft.playwright.options.AriaRole.LISTITEM).first().waitFor();
        page.evaluate("name => {\n"
                + "  window.__vellumRotation = {};\n"
                + "  document.addEventListener('click', event => {\n"
                + "    const button = event.target.closest('button');\n"
                + "    if (button && button.getAttribute('aria-label') === 'Remove ' + name\n"
                + "        || button && button.textContent === 'Remove ' + name) {\n"
                + "      window.__vellumRotation.start = performance.now();\n"
                + "    }\n"
                + "  }, true);\n"
                + "  const notice = document.getElementById('workspace-notice');\n"
                + "  const observer = new MutationObserver(() => {\n"
                + "    if (window.__vellumRotation.start !== undefined && !notice.hidden\n"
                + "        && notice.textContent.includes(name + ' was removed')) {\n"
                + "      observer.disconnect();\n"
                + "      requestAnimationFrame(() => { window.__vellumRotation.end = performance.now(); });\n"
                + "    }\n"
                + "  });\n"
                + "  observer.observe(document, {childList: true, subtree: true, characterData: true,\n"
                + "      attributes: true});\n"
                + "}", username);
        WorkspacePages.button(WorkspacePages.member(page, username), "Remove").click();
        profiled(page, profile, "a removal", () -> {
            WorkspacePages.button(page, "Remove " + username).click();
            page.waitForFunction("() => window.__vellumRotation.end !== undefined", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
        });
        double start = ((Number) page.evaluate("() => window.__vellumRotation.start")).doubleValue();
        System.out.println("  rotate: from " + Math.round(start) + ": " + apiTimeline(page, start) + " -> done at "
                + Math.round(((Number) page.evaluate("() => window.__vellumRotation.end")).doubleValue()));
        return ((Number) page.evaluate("() => window.__vellumRotation.end - window.__vellumRotation.start"))
                .doubleValue();
    }

    /** With the argument {@code profile}: Chromium's CPU profile of {@code action}, its 15 costliest functions by self time. */
    private static void profiled(Page page, boolean profile, String what, Runnable action) {
        if (!profile) {
            action.run();
            return;
        }
        com.microsoft.playwright.CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("Profiler.enable");
        com.google.gson.JsonObject interval = new com.google.gson.JsonObject();
        interval.addProperty("interval", 100);
        cdp.send("Profiler.setSamplingInterval", interval);
        cdp.send("Profiler.start");
        action.run();
        com.google.gson.JsonObject profile1 = cdp.send("Profiler.stop").getAsJsonObject("profile");
        cdp.detach();
        // The whole profile too, for DevTools (Performance, "Load profile") or a script summing inclusive times.
        Path saved = Path.of("target", what.replaceAll("[^A-Za-z0-9]+", "-") + ".cpuprofile");
        try {
            Files.writeString(saved, profile1.toString());
            System.out.println("  profile saved to " + saved.toAbsolutePath());
        } catch (java.io.IOException e) {
            System.out.println("  profile not saved: " + e.getMessage());
        }
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        for (com.google.gson.JsonElement node : profile1.getAsJsonArray("nodes")) {
            com.google.gson.JsonObject frame = node.getAsJsonObject().getAsJsonObject("callFrame");
            String name = frame.get("functionName").getAsString();
            names.put(node.getAsJsonObject().get("id").getAsInt(), name.isEmpty() ? "(anonymous) "
                    + frame.get("url").getAsString() : name);
        }
        java.util.Map<String, Double> self = new java.util.HashMap<>();
        com.google.gson.JsonArray samples = profile1.getAsJsonArray("samples");
        com.google.gson.JsonArray deltas = profile1.getAsJsonArray("timeDeltas");
        for (int i = 0; i < samples.size(); i++) {
            self.merge(names.get(samples.get(i).getAsInt()), deltas.get(i).getAsDouble() / 1000, Double::sum);
        }
        System.out.println("  profile of " + what + " (self ms):");
        self.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %8.1f  %s%n", e.getValue(), e.getKey()));
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%6.0f [%.0f-%.0f]", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
