package io.vprop.transport.libzmq;

import io.vprop.transport.PeerTransport;
import io.vprop.transport.RouterEndpoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame sizes on the sidecar's ROUTER (issue 18): a frame above {@link RouterEndpoint#MAX_FRAME_BYTES} drops that
 * connection before ZeroMQ allocates it, so 16 MB and 100 MB frames leave the process's resident memory where it
 * was; a 1 MB frame (under the ceiling) still arrives, for the codec to answer {@code too_large}; and the ROUTER keeps
 * serving afterwards.
 *
 * <p>The client is a raw ZMTP 3.0 peer on a TCP socket, written from the ZMTP specification (rfc.zeromq.org/spec/23),
 * that streams each frame's body from a 64 KiB buffer: the test process never holds a big frame itself, so the RSS
 * it reads is the ROUTER's doing alone. Run on both transports ({@code zmq.impl=jeromq|libzmq}).
 */
class FrameSizeTest {
    private static final int MB = 1_000_000;

    private PeerTransport router;
    private Thread owner;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Integer> received = new CopyOnWriteArrayList<>();

    void start(String impl) {
        router = Impl.require(impl).router("tcp://127.0.0.1:*");
        // One thread owns the socket, as the kernel's does; it only records the sizes of what arrives.
        owner = new Thread(() -> {
            while (running.get()) {
                router.await(20);
                for (PeerTransport.Inbound in; (in = router.poll()) != null; ) received.add(in.payload().length);
            }
        }, "router-owner");
        owner.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (router == null) return; // skipped
        running.set(false);
        router.waker().run();
        owner.join(5_000);
        router.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jeromq", "libzmq"})
    void oversizedFramesDropTheConnectionWithoutGrowingTheHeapAndTheRouterKeepsServing(String impl) throws Exception {
        start(impl);
        int port = Integer.parseInt(router.endpoint().substring(router.endpoint().lastIndexOf(':') + 1));
        long rssBefore = rssBytes();
        List<String> outcomes = new ArrayList<>();
        for (int size : new int[] {16 * MB, 100 * MB, 100 * MB}) {
            try (Socket s = handshake(port, "flooder")) {
                boolean dropped = !sendFrame(s, size) || closedByPeer(s);
                outcomes.add(size / MB + " MB: " + (dropped ? "dropped" : "kept"));
            }
        }
        assertThat(outcomes).containsExactly("16 MB: dropped", "100 MB: dropped", "100 MB: dropped");
        long grewMb = (rssBytes() - rssBefore) / (1 << 20);
        assertThat(grewMb).as("resident memory growth after 216 MB of oversized frames, MiB").isLessThan(48);

        // Under the ceiling: delivered whole (the codec then answers too_large), and the ROUTER still serves.
        try (Socket s = handshake(port, "honest")) {
            assertThat(sendFrame(s, MB)).isTrue();
            assertThat(sendFrame(s, 7)).isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        }
        assertThat(received).containsExactly(MB, 7);
        assertThat(RouterEndpoint.MAX_FRAME_BYTES).isGreaterThan(io.vprop.protocol.ProtocolCodec.MAX_BYTES);
    }

    /** Connects and does the ZMTP 3.0 NULL handshake as a DEALER with {@code identity}. */
    private static Socket handshake(int port, String identity) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xFF;
        greeting[8] = 1;                         // the 8 padding bytes say "length 1" to a ZMTP 1.0 peer
        greeting[9] = 0x7F;
        greeting[10] = 3;                        // version 3.0
        byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
        out.write(greeting);
        ByteArrayOutputStream ready = new ByteArrayOutputStream();
        ready.write(5);
        ready.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        property(ready, "Socket-Type", "DEALER");
        property(ready, "Identity", identity);
        out.write(0x04);                         // a short command frame
        out.write(ready.size());
        out.write(ready.toByteArray());
        out.flush();
        InputStream in = s.getInputStream();
        byte[] theirs = in.readNBytes(64);       // the ROUTER's greeting, then its READY command
        if (theirs.length != 64 || (theirs[0] & 0xFF) != 0xFF) throw new IOException("no ZMTP greeting from the ROUTER");
        int flags = in.read();
        int len = (flags & 0x02) != 0 ? (int) readLong(in) : in.read();
        if ((flags & 0x04) == 0 || in.readNBytes(len).length != len) throw new IOException("no READY from the ROUTER");
        return s;
    }

    private static void property(ByteArrayOutputStream b, String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        b.write(name.length());
        b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        b.write(v.length >>> 24);
        b.write(v.length >>> 16);
        b.write(v.length >>> 8);
        b.write(v.length);
        b.writeBytes(v);
    }

    /** Sends one long message frame of {@code size} bytes; false when the peer cut the connection on the way. */
    private static boolean sendFrame(Socket s, int size) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(0x02);                     // last frame, 8-byte size
            for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) size >>> shift));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int left = size; left > 0; left -= chunk.length) out.write(chunk, 0, Math.min(left, chunk.length));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;                        // reset by the peer mid-frame: the ROUTER dropped us
        }
    }

    /** True when the ROUTER closes the connection within the socket's timeout. */
    private static boolean closedByPeer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private static long readLong(InputStream in) throws IOException {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | in.read();
        return v;
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
