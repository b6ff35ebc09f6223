package org.teamstelehealth.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy in front of Azurite's queue port that, once armed, runs its action (kill the host) when it
 * sees a request line starting with {@code trigger} (e.g. the POST of a message onto the notifications queue) and
 * before forwarding it: the request never reaches Azurite. Everything else passes through untouched.
 */
final class KillingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final byte[] trigger;
    private volatile Runnable action;
    private final AtomicBoolean fired = new AtomicBoolean();

    KillingProxy(int targetPort, String trigger) throws IOException {
        this.target = targetPort;
        this.trigger = trigger.getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "killing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void arm(Runnable action) {
        this.action = action;
    }

    boolean fired() {
        return fired.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pump(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            } catch (IOException e) {
                // closed, or Azurite not there: the client sees its connection fail
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean watch, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (a; b) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (watch && action != null && !fired.get() && contains(buffer, n) && fired.compareAndSet(false, true)) {
                        action.run();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; both are closed
            }
        }, "killing-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a request line in this chunk starts with the trigger (requests start at a chunk's first byte here). */
    private boolean contains(byte[] buffer, int length) {
        String text = new String(buffer, 0, Math.min(length, 512), StandardCharsets.ISO_8859_1);
        return text.startsWith(new String(trigger, StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
