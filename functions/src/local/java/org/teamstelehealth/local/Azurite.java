package org.teamstelehealth.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Azurite (the npm storage emulator, table and queue services) as a child process. Installs the
 * project's npm packages first when they are missing, so a fresh clone needs no separate step.
 */
public final class Azurite implements AutoCloseable {
    /** Azurite's well-known development account, the one {@code UseDevelopmentStorage=true} names. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static Azurite shared;

    private final Process process;
    private final int queuePort;
    private final int tablePort;

    private Azurite(Process process, int queuePort, int tablePort) {
        this.process = process;
        this.queuePort = queuePort;
        this.tablePort = tablePort;
    }

    /** One in-memory Azurite per JVM on free ports, stopped when the JVM exits. Tests use this. */
    public static synchronized Azurite shared() {
        if (shared == null) {
            shared = start(projectRoot(), freePort(), freePort(), null);
            Azurite started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /**
     * Starts Azurite on the given ports.
     *
     * @param dataFolder where to keep data between runs, or {@code null} to keep it in memory
     */
    public static Azurite start(Path projectRoot, int queuePort, int tablePort, Path dataFolder) {
        Path script = projectRoot.resolve("node_modules/azurite/dist/src/azurite.js");
        if (!Files.exists(script)) {
            npmInstall(projectRoot);
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString(),
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--blobPort", Integer.toString(freePort()), "--queuePort", Integer.toString(queuePort),
                "--tablePort", Integer.toString(tablePort)));
        if (dataFolder == null) {
            command.add("--inMemoryPersistence");
        } else {
            command.addAll(List.of("--location", dataFolder.toString()));
        }
        try {
            Process process = new ProcessBuilder(command).directory(projectRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Azurite azurite = new Azurite(process, queuePort, tablePort);
            azurite.awaitPorts(Duration.ofSeconds(30));
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Azurite with node (is Node.js installed?)", e);
        }
    }

    public String connectionString() {
        return connectionString(queuePort, tablePort);
    }

    /** The development account's connection string for an Azurite on these ports (one already running, say). */
    public static String connectionString(int queuePort, int tablePort) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/" + ACCOUNT + ";";
    }

    public int queuePort() {
        return queuePort;
    }

    public int tablePort() {
        return tablePort;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The folder holding pom.xml: the working directory under Maven, or the {@code project.root} property. */
    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.exists(dir.resolve("package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the project root (pom.xml and package.json) above " + start);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPorts(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with code " + process.exitValue()
                        + " (are ports " + queuePort + " and " + tablePort + " free?)");
            }
            if (listening(queuePort) && listening(tablePort)) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("Azurite did not open ports " + queuePort + " and " + tablePort + " in " + timeout);
    }

    /** Whether something accepts connections on this loopback port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void npmInstall(Path projectRoot) {
        try {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                    .directory(projectRoot.toFile()).inheritIO().start();
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm install failed with code " + npm.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run npm install (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing npm packages", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
