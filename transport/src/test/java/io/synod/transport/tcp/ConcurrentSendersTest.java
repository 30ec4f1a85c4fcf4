package io.synod.transport.tcp;

import io.synod.api.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends from several threads at once, some in bursts (written by the I/O thread in batches),
 * some one at a time after a pause (written by the sending thread itself while the I/O thread
 * sleeps): every message arrives once, and each thread's messages arrive in the order it sent
 * them.
 */
class ConcurrentSendersTest {

    private Loopback cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void burstsAndLoneSendsFromManyThreadsArriveOnceAndInOrderPerThread() throws Exception {
        cluster = new Loopback(2, b -> b.sendQueueCapacity(1 << 16));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport one = cluster.node(1);
        TcpTransport two = cluster.node(2);
        int bursters = 3;
        int perBurster = 20_000;
        int lone = 300;
        ConcurrentLinkedQueue<Envelope> atTwo = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < bursters; t++) {
            long base = (t + 1) * 1_000_000L;
            threads.add(new Thread(() -> {
                await(go);
                for (int i = 0; i < perBurster; i++) {
                    one.send(new Envelope(1, 2, new Note(base + i)));
                }
            }));
        }
        // One message at a time, each sent after the previous one came back: sparse sends.
        List<Envelope> echoes = new ArrayList<>();
        threads.add(new Thread(() -> {
            await(go);
            for (int i = 0; i < lone; i++) {
                two.send(new Envelope(2, 1, new Note(i)));
                int expected = i + 1;
                Eventually.until(() -> {
                    one.poll(echoes::add, 1);
                    return echoes.size() >= expected;
                }, () -> "echo " + expected);
            }
        }));
        threads.forEach(Thread::start);
        go.countDown();
        Eventually.until(() -> {
            two.poll(atTwo::add, 4096);
            return atTwo.size() >= bursters * perBurster;
        }, () -> "node 2 received " + atTwo.size());
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(bursters * perBurster, atTwo.size());
        Map<Long, Long> lastByThread = new HashMap<>();
        for (Envelope e : atTwo) {
            long seq = ((Note) e.message()).seq();
            long thread = seq / 1_000_000L;
            Long last = lastByThread.put(thread, seq);
            assertTrue(last == null || last + 1 == seq, () -> "thread " + thread + ": " + seq + " after " + last);
        }
        assertEquals(lone, echoes.size());
        for (int i = 0; i < lone; i++) {
            assertEquals(i, ((Note) echoes.get(i).message()).seq());
        }
        assertEquals(0, one.metrics().peer(2).droppedMessages());
        assertTrue(two.writesBySenders() > 0, "some lone sends were written by their sender");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
