package org.teamstelehealth.feed;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.join.JoinOutcome;
import org.teamstelehealth.join.JoinPages;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;

/**
 * Not a test: how long one provider's feed takes to render with 2,000 appointments in the window,
 * and how big it is; also one join page. Results go in benchmarks/feed.md. Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> org.teamstelehealth.feed.FeedRenderBenchmark}.
 */
public final class FeedRenderBenchmark {
    static final int APPOINTMENTS = 2_000;
    static final int WARM_UP = 15;
    static final int RUNS = 30;

    public static void main(String[] args) {
        Instant now = Instant.parse("2024-09-20T00:00:00Z");
        List<Appointment> appointments = appointments(now);
        FeedRenderer plain = new FeedRenderer(new ProviderEventText(FeedRendererTest.LINKS, FeedPatientName.GIVEN_FAMILY_INITIAL));
        report("FeedRenderer.render, 2,000 events, default text", () -> plain.render("Dr Victor Hong appointments", appointments));
        // What Application wires: the feed's templates (Handlebars), as a provider's feed is served.
        FeedRenderer renderer = new FeedRenderer(new TemplatedEventText(
                new org.teamstelehealth.notifications.Templates(new NoOverrides()), FeedRendererTest.LINKS,
                java.util.Locale.forLanguageTag("en-AU"), Clock.fixed(now, ZoneOffset.UTC),
                new ProviderEventText(FeedRendererTest.LINKS, FeedPatientName.GIVEN_FAMILY_INITIAL),
                FeedPatientName.GIVEN_FAMILY_INITIAL));

        String once = renderer.render("Dr Victor Hong appointments", appointments);
        report("FeedRenderer.render, 2,000 events, feed templates", () -> renderer.render("Dr Victor Hong appointments", appointments));
        System.out.printf("feed size: %,d bytes (%,d gzipped), %,d lines%n",
                once.getBytes(StandardCharsets.UTF_8).length, gzipped(once), once.split("\r\n").length);

        InMemoryAppointmentStore store = new InMemoryAppointmentStore();
        appointments.forEach(store::put);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        FeedLinks links = new FeedLinks(new InMemoryFeedLinkStore(), FeedLinksTest.SETTINGS, FeedLinksTest.BASE, clock,
                new SecureRandom());
        String token = FeedLinksTest.token(links.issue("7", null, null));
        FeedService service = new FeedService(links, store, renderer, FeedLinksTest.SETTINGS, clock);
        report("FeedService.feed (link check, store read, render, ETag)", () -> service.feed("7", FeedLinks.FILE, token).orElseThrow().body());

        JoinPages pages = new JoinPages();
        JoinOutcome early = new JoinOutcome.TooEarly(
                OffsetDateTime.parse("2024-09-27T14:30:00+09:30").atZoneSameInstant(java.time.ZoneId.of("Australia/Adelaide")),
                OffsetDateTime.parse("2024-09-27T15:00:00+09:30").atZoneSameInstant(java.time.ZoneId.of("Australia/Adelaide")),
                Duration.ofMinutes(10), new JoinOutcome.Clinic("Clintel Clinic", "08 8123 4567"), true, null);
        report("JoinPages.render (too-early page)", () -> pages.render(early).text());
        System.out.printf("too-early page size: %,d bytes%n", pages.render(early).html().length);
    }

    static List<Appointment> appointments(Instant now) {
        List<Appointment> appointments = new ArrayList<>();
        OffsetDateTime first = now.minus(Duration.ofDays(20)).atOffset(ZoneOffset.ofHoursMinutes(9, 30)).withHour(8);
        for (int i = 0; i < APPOINTMENTS; i++) {
            // About 11 a day across the 180-day window, every tenth cancelled, some long non-ASCII names.
            OffsetDateTime start = first.plusDays(i / 11).plusMinutes(40L * (i % 11));
            String name = i % 7 == 0 ? "Nguyễn Thị Minh Khai Ἀλέξανδρος 王小明 " + i : "Patient Number " + i;
            Snapshot snapshot = Appointments.snapshot(Integer.toString(1000 + i),
                    i % 10 == 0 ? Snapshot.Status.CANCELLED : Snapshot.Status.BOOKED, start, name, "Victor Hong");
            Appointment ready = Appointments.ready(Integer.toString(1000 + i), start.toString());
            appointments.add(Appointments.withSnapshot(ready, snapshot, false));
        }
        return appointments;
    }

    static int gzipped(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.size();
    }

    static void report(String what, Supplier<String> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%s: median %.2f ms, p90 %.2f ms, min %.2f ms (%d runs after %d warm-up)%n",
                what, millis[RUNS / 2], millis[(int) (RUNS * 0.9)], millis[0], RUNS, WARM_UP);
    }

    /** The shipped templates, as a clinic that has not edited them has. */
    private static final class NoOverrides implements org.teamstelehealth.notifications.TemplateStore {
        @Override
        public java.util.Map<String, String> overrides() {
            return java.util.Map.of();
        }

        @Override
        public void save(String name, String source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
