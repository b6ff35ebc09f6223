package org.teamstelehealth.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableClazz;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.feed.EventText;
import org.teamstelehealth.feed.FeedFunction;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.feed.FeedPatientName;
import org.teamstelehealth.feed.FeedRenderer;
import org.teamstelehealth.feed.ProviderEventText;
import org.teamstelehealth.feed.TemplatedEventText;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.InMemoryTemplateStore;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/**
 * Not a test (CI never runs it): the feed figures of benchmarks/RESULTS.md. Starts a fresh in-memory
 * Azurite, builds {@link Application} from settings as the host does, saves 2,000 appointments of one
 * provider through the table store, issues a feed link, then measures in alternating rounds:
 * ical4j alone writing the same events (the baseline), our render, a full GET and a 304 GET.
 *
 * <p>{@code feed}: timings, ratios and size. {@code memory}: resident memory (VmRSS) through repeated
 * feed GETs; run it with the JVM options the app ships ({@code benchmarks/run.sh memory} does).
 */
public final class FeedBenchmark {
    static final int APPOINTMENTS = 2_000;
    static final Instant NOW = Instant.parse("2024-09-20T00:00:00Z");
    static final String PROVIDER = "7";

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "feed" : args[0];
        Settings settings = TestSettings.settings(Map.of("ADMIN_AUTH", "function_key"));
        Application application = new Application(settings, Clock.fixed(NOW, ZoneOffset.UTC), null);
        List<Appointment> appointments = seed(application);
        String url = issueLink(application);
        FeedFunction feed = application.function(FeedFunction.class);
        if (mode.equals("memory")) {
            memory(feed, url, args.length > 1 ? Integer.parseInt(args[1]) : 500);
        } else {
            feed(settings, feed, url, appointments, args.length > 1 ? Integer.parseInt(args[1]) : 10);
        }
        System.exit(0);
    }

    private static void feed(Settings settings, FeedFunction feed, String url, List<Appointment> appointments, int rounds) {
        JoinLinks joinLinks = new JoinLinks(settings.join().linkKey(), URI.create("https://telehealth.example.org/api"));
        FeedPatientName name = FeedPatientName.GIVEN_FAMILY_INITIAL;
        EventText text = new TemplatedEventText(new Templates(new InMemoryTemplateStore()), joinLinks,
                Locale.forLanguageTag("en-AU"), Clock.fixed(NOW, ZoneOffset.UTC), new ProviderEventText(joinLinks, name), name);
        FeedRenderer renderer = new FeedRenderer(text);
        // The baseline gets the words ready-made: only ical4j's model and writing are timed.
        List<String[]> words = appointments.stream().map(a -> new String[] {text.summary(a), text.description(a)}).toList();
        Response full = get(feed, url, null);
        String etag = full.etag();
        Map<String, Supplier<Object>> work = new LinkedHashMap<>();
        work.put("ical4j alone, same events (baseline)", () -> ical4j(appointments, words).toString());
        work.put("FeedRenderer.render (words + text)", () -> renderer.render("Dr Victor Hong appointments", appointments));
        // Where a render's time goes: the words (templates, join links) and the rest (writing, folding).
        work.put("words only (templates + join links)", () -> appointments.stream()
                .map(a -> text.summary(a) + text.description(a)).toList());
        work.put("full GET (Azurite read + render)", () -> get(feed, url, null));
        work.put("304 GET (If-None-Match)", () -> get(feed, url, etag));
        Map<String, double[]> times = Harness.alternate(work, 5, rounds);
        Harness.print(times);
        double ical4j = Harness.median(times.get("ical4j alone, same events (baseline)"));
        double render = Harness.median(times.get("FeedRenderer.render (words + text)"));
        double get = Harness.median(times.get("full GET (Azurite read + render)"));
        double notModified = Harness.median(times.get("304 GET (If-None-Match)"));
        System.out.printf("ratio render / ical4j alone (medians): %.2f (target <= 1.5)%n", render / ical4j);
        System.out.printf("ratio 304 / full GET (medians): %.3f (target <= 0.05)%n", notModified / get);
        System.out.printf("full GET status %d, body %,d bytes (target <= 1,000,000), %d events of %d in the window%n",
                full.status(), full.bytes(), full.events(), appointments.size());
        System.out.printf("render of all %d events: %,d bytes%n", appointments.size(),
                renderer.render("Dr Victor Hong appointments", appointments).getBytes(StandardCharsets.UTF_8).length);
    }

    private static void memory(FeedFunction feed, String url, int requests) throws IOException {
        System.out.printf("JVM: %s%n", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<Long> samples = new ArrayList<>();
        samples.add(Harness.rssKb());
        String etag = null;
        for (int i = 1; i <= requests; i++) {
            // Every fifth poll is a calendar app that already has the feed.
            Response response = get(feed, url, i % 5 == 0 ? etag : null);
            etag = response.etag();
            if (i % 25 == 0) {
                samples.add(Harness.rssKb());
            }
        }
        long max = samples.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("VmRSS (MB) every 25 GETs: %s%n", samples.stream().map(kb -> Long.toString(kb / 1024)).toList());
        System.out.printf("VmRSS max %d MB (target <= 512); after %d GETs %d MB; after %d GETs %d MB; VmHWM %d MB%n",
                max / 1024, 25 * (samples.size() / 3), samples.get(samples.size() / 3) / 1024, requests,
                samples.get(samples.size() - 1) / 1024, Harness.status("VmHWM") / 1024);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("heap used %d MB of max %d MB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20);
    }

    record Response(int status, String etag, int bytes, int events) {}

    private static Response get(FeedFunction feed, String url, String ifNoneMatch) {
        FakeHttpRequest request = FakeHttpRequest.get(url);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        FakeHttpRequest.Response response = FakeHttpRequest.response(feed.run(request, PROVIDER, "calendar.ics", null));
        String body = response.getBody() == null ? "" : response.bodyText();
        return new Response(response.getStatusCode(), response.getHeader("ETag"),
                body.getBytes(StandardCharsets.UTF_8).length, body.split("BEGIN:VEVENT", -1).length - 1);
    }

    /** 2,000 appointments over the window (about 11 a day), every tenth cancelled, every seventh a long name. */
    private static List<Appointment> seed(Application application) throws Exception {
        List<Appointment> appointments = new ArrayList<>();
        OffsetDateTime first = NOW.minus(Duration.ofDays(20)).atOffset(ZoneOffset.ofHoursMinutes(9, 30)).withHour(8);
        for (int i = 0; i < APPOINTMENTS; i++) {
            OffsetDateTime start = first.plusDays(i / 11).plusMinutes(40L * (i % 11));
            String patient = i % 7 == 0 ? "Nguyễn Thị Minh Khai Ἀλέξανδρος 王小明 " + i : "Patient Number " + i;
            String id = Integer.toString(1000 + i);
            Snapshot snapshot = Appointments.snapshot(id, i % 10 == 0 ? Snapshot.Status.CANCELLED : Snapshot.Status.BOOKED,
                    start, patient, "Victor Hong");
            Appointment a = Appointments.withSnapshot(Appointments.ready(id, start.toString()), snapshot, false);
            appointments.add(new Appointment(a.id(), a.version(), a.snapshot(), a.deleted(), a.status(), a.meeting(),
                    a.sequence(), a.patientNotified(), a.failureReason(), a.updatedAt(), null, a.pendingIntents(),
                    a.incarnation(), a.linkNonce(), List.of(), 0, null, null, null));
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Appointment>> saved = new ArrayList<>();
        for (Appointment a : appointments) {
            saved.add(pool.submit(() -> application.appointments().save(a)));
        }
        List<Appointment> stored = new ArrayList<>();
        for (Future<Appointment> f : saved) {
            stored.add(f.get().withEtag(null));
        }
        pool.shutdown();
        System.out.printf("seeded %d appointments in %.1f s%n", stored.size(), (System.nanoTime() - started) / 1e9);
        return application.appointments().forProvider(PROVIDER, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    private static String issueLink(Application application) throws IOException {
        FakeHttpRequest.Response issued = FakeHttpRequest.response(application.function(FeedLinksFunction.class).issue(
                FakeHttpRequest.post("https://telehealth.example.org/api/manage/providers/7/feed-links"), PROVIDER, null));
        JsonNode body = Json.MAPPER.readTree(issued.bodyText());
        return body.get("feed_url").asText();
    }

    /** What the renderer built before it wrote text itself: the same properties through ical4j's model. */
    private static Calendar ical4j(List<Appointment> appointments, List<String[]> words) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Teams Telehealth//Provider appointments feed//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", "Dr Victor Hong appointments"));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), Duration.ofMinutes(15)));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT15M"));
        for (int i = 0; i < appointments.size(); i++) {
            Appointment a = appointments.get(i);
            Snapshot s = a.snapshot();
            VEvent event = new VEvent(s.startInstant(), s.endInstant(), words.get(i)[0]);
            event.replace(new DtStamp(a.updatedAt()));
            event.add(new Uid(CalendarIdentity.uid(a.id())));
            event.add(new Sequence(a.sequence()));
            event.add(new Description(words.get(i)[1]));
            event.add(new Location(s.location().displayName() + " " + s.location().addressLine()));
            event.add(new Organizer(new ParameterList(List.of(new Cn(s.provider().displayName()))),
                    URI.create("mailto:" + s.provider().email())));
            event.add(ImmutableClazz.PRIVATE);
            event.add(a.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
            calendar.add(event);
        }
        return calendar;
    }

    /** The small timing kit of this benchmark (perf-intake has its own; fold them when both are merged). */
    static final class Harness {
        private Harness() {}

        /** Runs each piece of work once per round, in turn, after warm-up rounds; milliseconds per piece. */
        static Map<String, double[]> alternate(Map<String, Supplier<Object>> work, int warmUp, int rounds) {
            for (int i = 0; i < warmUp; i++) {
                work.values().forEach(Supplier::get);
            }
            Map<String, double[]> times = new LinkedHashMap<>();
            work.keySet().forEach(name -> times.put(name, new double[rounds]));
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Supplier<Object>> piece : work.entrySet()) {
                    long start = System.nanoTime();
                    piece.getValue().get();
                    times.get(piece.getKey())[round] = (System.nanoTime() - start) / 1e6;
                }
            }
            return times;
        }

        static void print(Map<String, double[]> times) {
            times.forEach((name, millis) -> {
                double[] sorted = millis.clone();
                Arrays.sort(sorted);
                System.out.printf("%-40s min %8.2f  median %8.2f  max %8.2f ms  (%d rounds)%n", name, sorted[0],
                        median(millis), sorted[sorted.length - 1], sorted.length);
            });
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        static long rssKb() throws IOException {
            return status("VmRSS");
        }

        /** A field of /proc/self/status in kB. */
        static long status(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
            throw new IllegalStateException(field + " not in /proc/self/status");
        }
    }
}
