package org.teamstelehealth.intake;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.teamstelehealth.local.Azurite;

/**
 * A loopback "storage account" that accepts connections, reads the requests and never answers: a storage call to it
 * ends only when the caller stops waiting (the SDK's own response timeout is 60 s a try, with retries after it).
 */
final class SilentStorage implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentStorage() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "silent-storage");
        accept.setDaemon(true);
        accept.start();
    }

    /** A connection string whose table and queue endpoints are this server. */
    String connectionString() {
        return Azurite.connectionString(server.getLocalPort(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                held.add(client);
                Thread drain = new Thread(() -> drain(client), "silent-storage-read");
                drain.setDaemon(true);
                drain.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void drain(Socket client) {
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // read and say nothing
            }
        } catch (IOException e) {
            // the client gave up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
