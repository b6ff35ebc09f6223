package org.teamstelehealth.faults;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.teamstelehealth.local.Azurite;

/**
 * The local host as a separate JVM ({@link FaultHostMain}) on the test classpath, which the test can really kill
 * ({@link Process#destroyForcibly()}: SIGKILL, no shutdown hooks) and start again on the same Azurite data and
 * port. Its output goes to {@code target/fault-hosts/<name>.log}.
 */
final class HostProcess implements AutoCloseable {
    private final Map<String, String> values;
    private final int port = Azurite.freePort();
    private final Path log;
    private volatile Process process;

    HostProcess(Map<String, String> values, String name) throws Exception {
        this.values = Map.copyOf(values);
        this.log = Path.of("target", "fault-hosts", name + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + port + "/");
    }

    /** Starts the host and waits until it answers. */
    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                FaultHostMain.class.getName());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(values);
        builder.environment().put(FaultHostMain.PORT, Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The host JVM exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(baseUrl().resolve("/local/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The host JVM did not answer within 90 s; see " + log);
    }

    /** SIGKILL, and waits until the JVM is gone. */
    void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            running.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }
}
