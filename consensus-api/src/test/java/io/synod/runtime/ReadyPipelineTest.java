package io.synod.runtime;

import io.synod.api.ClientReply;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.Ready;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's promises, with a persister the test completes by hand: nothing of a Ready leaves
 * before every earlier batch is durable, messages leave in the order they were cut, and a
 * committed entry is applied as soon as (and only once) this node's copy of it is durable.
 */
class ReadyPipelineTest {

    private record Note(String text) implements Message {
    }

    /** Persists only when the test says so; records what it was handed. */
    private static final class ManualPersister implements Persister {
        final List<List<Ready>> submitted = new ArrayList<>();
        long completed;
        RuntimeException failure;

        @Override
        public long submit(List<Ready> group) {
            assertEquals(completed, submitted.size(), "a group was handed over while another persisted");
            submitted.add(List.copyOf(group));
            return submitted.size();
        }

        @Override
        public boolean done(long ticket) {
            if (failure != null) {
                throw failure;
            }
            return completed >= ticket;
        }

        @Override
        public void await(long ticket) {
            completed = Math.max(completed, ticket); // the test's disk is instant when waited for
        }

        @Override
        public void close() {
        }

        void complete() {
            completed = submitted.size();
        }
    }

    private final List<String> events = new ArrayList<>();
    private final ManualPersister persister = new ManualPersister();
    private final ReadyPipeline pipeline = new ReadyPipeline(persister, new ReadyPipeline.Hands() {
        @Override
        public void send(Envelope envelope) {
            events.add("send " + ((Note) envelope.message()).text());
        }

        @Override
        public void sendSnapshot(int peer) {
            events.add("snapshot to " + peer);
        }

        @Override
        public void apply(LogEntry entry) {
            events.add("apply " + entry.index());
        }

        @Override
        public void afterApplying() {
        }

        @Override
        public void answer(ClientReply reply) {
            events.add("answer " + ((ClientReply.ReadReady) reply).readId());
        }

        @Override
        public void serveReads() {
        }
    }, 0);

    private static List<Envelope> notes(String... texts) {
        List<Envelope> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new Envelope(1, 2, new Note(t)));
        }
        return out;
    }

    private static List<LogEntry> entries(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> new LogEntry(i, 1, new byte[] {(byte) i})).toList();
    }

    private static Ready ready(long truncateFrom, List<LogEntry> append, List<Envelope> early, List<Envelope> late,
                               List<LogEntry> committed, List<ClientReply> replies) {
        return new Ready(null, false, truncateFrom, append, early, late, List.of(), committed, replies);
    }

    /** Appends {@code from..to}, sending {@code early} before its fsync and {@code late} after. */
    private static Ready append(long from, long to, String early, String late) {
        return ready(0, entries(from, to), early == null ? List.of() : notes(early), late == null ? List.of() : notes(late),
            List.of(), List.of());
    }

    private static Ready commit(long from, long to, String late) {
        return ready(0, List.of(), List.of(), late == null ? List.of() : notes(late), entries(from, to), List.of());
    }

    private void cut(Ready ready) {
        pipeline.add(ready, null);
        pipeline.advance();
    }

    @Test
    void aReadyCutWhileABatchPersistsWaitsForIt() {
        cut(append(1, 2, "propose 1-2", "accepted 1-2"));
        assertEquals(List.of("send propose 1-2"), events, "early messages leave as the persist starts");
        assertTrue(pipeline.persisting());

        cut(ready(0, List.of(), List.of(), notes("heartbeat"), List.of(), List.of(new ClientReply.ReadReady(7, 0))));
        assertEquals(List.of("send propose 1-2"), events, "nothing of a later Ready leaves before the batch is durable");

        persister.complete();
        pipeline.advance();
        assertEquals(List.of("send propose 1-2", "send accepted 1-2", "send heartbeat", "answer 7"), events);
        assertTrue(pipeline.isEmpty());
    }

    @Test
    void earlyMessagesOfAReadyMergedIntoAWaitingGroupLeaveAfterTheGroupIsDurable() {
        cut(append(1, 1, "propose 1", null));
        cut(append(2, 2, "propose 2", "ack 2"));
        cut(append(3, 3, "propose 3", "ack 3"));
        assertEquals(List.of("send propose 1"), events);

        persister.complete();
        pipeline.advance();
        assertEquals(List.of("send propose 1", "send propose 2"), events,
            "the waiting group starts: its first Ready's early messages leave, the second's may report what the first persists");
        assertEquals(2, persister.submitted.size());
        assertEquals(2, persister.submitted.get(1).size(), "the Readys cut meanwhile persist together, with one sync");

        persister.complete();
        pipeline.advance();
        assertEquals(List.of("send propose 1", "send propose 2", "send ack 2", "send propose 3", "send ack 3"), events);
    }

    @Test
    void committedEntriesWhoseCopyHereIsDurableAreAppliedWhileALaterBatchPersists() {
        cut(append(1, 3, "propose 1-3", null));
        persister.complete();
        pipeline.advance();
        cut(append(4, 5, "propose 4-5", null));
        assertTrue(pipeline.persisting());

        // A quorum accepted 1-4; the core counted its own copy of 4, not yet durable.
        cut(commit(1, 4, "commit 4"));
        assertEquals(List.of("send propose 1-3", "send propose 4-5", "apply 1", "apply 2", "apply 3"), events,
            "1-3 are durable here and applied at once; 4 waits for its fsync, the commit message for the batch");

        persister.complete();
        pipeline.advance();
        assertEquals(List.of("send propose 1-3", "send propose 4-5", "apply 1", "apply 2", "apply 3", "send commit 4", "apply 4"),
            events, "each entry applied once, in order");
    }

    @Test
    void aTruncationNotYetDurableStopsEarlyApplying() {
        cut(append(1, 5, null, null));
        persister.complete();
        pipeline.advance();
        cut(append(6, 6, null, null));
        // Entries 4-6 are rewritten by a Ready still waiting for the persist in flight.
        cut(ready(4, entries(4, 5), List.of(), List.of(), List.of(), List.of()));
        cut(commit(3, 4, null));
        assertEquals(List.of("apply 3"), events, "4 as committed is the rewrite, not the durable copy");

        persister.complete();
        pipeline.advance();
        assertEquals(List.of("apply 3"), events, "the rewrite's group is only now persisting");
        persister.complete();
        pipeline.advance();
        assertEquals(List.of("apply 3", "apply 4"), events);
    }

    @Test
    void persistingEverythingForACoreReadKeepsTheMessageOrder() {
        cut(append(1, 1, "propose 1", "ack 1"));
        cut(append(2, 2, "propose 2", "ack 2"));
        pipeline.persistAll();
        assertEquals(2, persister.submitted.size(), "both groups are durable for the read");
        assertEquals(List.of("send propose 1"), events, "their messages still wait their turn");

        pipeline.advance();
        assertEquals(List.of("send propose 1", "send ack 1", "send propose 2", "send ack 2"), events);
        assertEquals(2, persister.submitted.size(), "a persisted group is not persisted again");
    }

    @Test
    void theStatusReportedIsTheOneOfTheLastReadyCarriedOut() {
        CoreStatus candidate = new CoreStatus(1, "candidate", CoreStatus.NO_LEADER, 2, 0);
        CoreStatus leader = new CoreStatus(1, "leader", 1, 2, 0);
        CoreStatus committed = new CoreStatus(1, "leader", 1, 2, 3);
        pipeline.add(append(1, 3, null, null), candidate);
        pipeline.advance();
        pipeline.add(commit(1, 3, "commit 3"), leader);
        pipeline.advance();
        pipeline.add(ready(0, List.of(), List.of(), List.of(), List.of(), List.of()), committed);
        pipeline.advance();
        assertEquals(null, pipeline.carriedOutStatus(), "nothing was carried out yet");

        persister.complete();
        pipeline.advance();
        assertEquals(committed, pipeline.carriedOutStatus());
    }

    @Test
    void aFailedPersistLetsNothingOfItOrLaterReadysOut() {
        cut(append(1, 1, "propose 1", "ack 1"));
        cut(commit(1, 1, "commit 1"));
        UncheckedIOException eio = new UncheckedIOException("fsync failed", new IOException("EIO"));
        persister.failure = eio;
        assertSame(eio, assertThrows(UncheckedIOException.class, pipeline::advance));
        assertEquals(List.of("send propose 1"), events);
        assertFalse(pipeline.isEmpty());
    }
}
