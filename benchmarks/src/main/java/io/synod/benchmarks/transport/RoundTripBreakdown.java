package io.synod.benchmarks.transport;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.spi.Transport;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.util.Arrays;

/**
 * Where {@code TcpTransportBenchmark.roundTrip}'s time goes: the same exchange of 64-byte
 * messages (both ends polling with the replica runtime's idle strategy), timed at four points by
 * the codec and the handlers, beside {@link PlainSocketPair}'s round trip. For each direction it
 * prints the median time from the send to the decode on the I/O thread at the other end (the
 * socket, the kernel and the I/O thread's wake-up from {@code select}), and from that decode to
 * the polling thread's handler (the hand-off between the two threads). Not a JMH benchmark: a
 * diagnosis, run as a plain main class.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.transport.RoundTripBreakdown [round trips]
 * </pre>
 */
public final class RoundTripBreakdown {

    /** When the last message toward node 2 and toward node 1 was decoded; one message is in flight at a time. */
    private static volatile long decodedAtTwo;
    private static volatile long decodedAtOne;
    /** When node 2's handler took the last message. */
    private static volatile long handledAtTwo;
    private static volatile boolean towardTwo;

    private static final MessageCodec STAMPING = new MessageCodec() {
        @Override
        public int encode(Message message, MutableDirectBuffer buffer, int offset) {
            return Blob.CODEC.encode(message, buffer, offset);
        }

        @Override
        public Message decode(DirectBuffer buffer, int offset, int length) {
            long now = System.nanoTime();
            if (towardTwo) {
                decodedAtTwo = now;
            } else {
                decodedAtOne = now;
            }
            return Blob.CODEC.decode(buffer, offset, length);
        }
    };

    private RoundTripBreakdown() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long[] total = new long[n];
        long[] toTwo = new long[n];
        long[] handOffAtTwo = new long[n];
        long[] toOne = new long[n];
        long[] handOffAtOne = new long[n];
        long[] plain = new long[n];
        try (TwoNodes nodes = new TwoNodes(64 * 1024, STAMPING); PlainSocketPair pair = new PlainSocketPair(64)) {
            Thread echo = echo(nodes);
            Envelope ping = new Envelope(1, 2, new Blob(new byte[64]));
            Envelope[] reply = new Envelope[1];
            Transport.EnvelopeHandler onReply = e -> reply[0] = e;
            IdleStrategy idle = TcpTransportBenchmark.replicaIdle();
            // The first pass warms up; the second is printed.
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < n; i++) {
                    towardTwo = true;
                    reply[0] = null;
                    long start = System.nanoTime();
                    nodes.one.send(ping);
                    idle.reset();
                    while (reply[0] == null) {
                        idle.idle(nodes.one.poll(onReply, 1));
                    }
                    long end = System.nanoTime();
                    long handled = handledAtTwo;
                    total[i] = end - start;
                    toTwo[i] = decodedAtTwo - start;
                    handOffAtTwo[i] = handled - decodedAtTwo;
                    toOne[i] = decodedAtOne - handled;
                    handOffAtOne[i] = end - decodedAtOne;
                }
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    pair.roundTrip();
                    plain[i] = System.nanoTime() - start;
                }
            }
            echo.interrupt();
            echo.join(10_000);
        }
        System.out.printf("%d round trips of 64 B, medians in us:%n", n);
        System.out.printf("  TcpTransport round trip %.1f (plain socket %.1f, ratio %.2f)%n", median(total), median(plain), median(total) / median(plain));
        System.out.printf("  node 1 send -> decoded at node 2 %.1f; -> polled at node 2 %.1f%n", median(toTwo), median(handOffAtTwo));
        System.out.printf("  node 2 send -> decoded at node 1 %.1f; -> polled at node 1 %.1f%n", median(toOne), median(handOffAtOne));
    }

    private static Thread echo(TwoNodes nodes) {
        Thread echo = new Thread(() -> {
            IdleStrategy idle = TcpTransportBenchmark.replicaIdle();
            Transport.EnvelopeHandler back = e -> {
                handledAtTwo = System.nanoTime();
                towardTwo = false;
                nodes.two.send(new Envelope(2, 1, e.message()));
            };
            while (!Thread.currentThread().isInterrupted()) {
                idle.idle(nodes.two.poll(back, 64));
            }
        }, "node-2-echo");
        echo.setDaemon(true);
        echo.start();
        return echo;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e3;
    }
}
