package io.synod.benchmarks.session;

import io.synod.api.ApplyContext;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.runtime.ReplicatedState;
import io.synod.runtime.session.SystemCommand;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much memory the replicated session table takes: 100,000 sessions opened through the log,
 * measured as heap in use after full collections, before and after: idle; after ten commands each
 * (8-byte results) whose answers the clients never acknowledge; and after ten commands each, each
 * acknowledging the answer before it. Also the snapshot bytes per session. Each measurement
 * repeats in {@code runs} fresh tables; min / median / max are printed.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.session.SessionMemory [sessions] [runs]
 * </pre>
 */
public final class SessionMemory {

    private static final int PER_ENTRY = 1000;

    /** A state machine that holds nothing, so that only the session table is measured. */
    private static final class Nothing implements StateMachine {
        private static final byte[] RESULT = new byte[8];

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            return RESULT;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(new byte[0]);
        }

        @Override
        public void restore(InputStream in) {
        }
    }

    private SessionMemory() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long[][] figures = new long[5][runs];
        for (int run = 0; run < runs; run++) {
            long[] f = measure(sessions);
            for (int i = 0; i < f.length; i++) {
                figures[i][run] = f[i];
            }
        }
        System.out.printf("%,d sessions, %d runs (bytes per session: min / median / max)%n", sessions, runs);
        print("heap, open and idle", figures[0]);
        print("heap, 10 commands each, none acknowledged", figures[1]);
        print("heap, 10 commands each, each acknowledging the one before", figures[2]);
        print("snapshot, open and idle", figures[3]);
        print("snapshot, one unacknowledged 8-byte result each", figures[4]);
    }

    private static void print(String what, long[] perSession) {
        long[] sorted = perSession.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-58s %5d / %5d / %5d%n", what, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    /** Bytes per session: heap idle, heap after unacknowledged and acknowledged commands, snapshot idle and with one result. */
    private static long[] measure(int sessions) {
        long[] ids = new long[sessions];
        int[] opened = {0};
        ReplicatedState.ResultListener collect = (ctx, c, r) -> {
            if (c.clientId() == SystemCommand.OPEN) {
                ids[opened[0]++] = ByteBuffer.wrap(r).getLong();
            }
        };
        long[] figures = new long[5];
        // Two tables: one whose clients never acknowledge, one whose clients acknowledge each answer.
        for (int acknowledging = 0; acknowledging < 2; acknowledging++) {
            opened[0] = 0;
            long before = used();
            ReplicatedState state = new ReplicatedState(new Nothing());
            long index = 0;
            long nonce = 0;
            for (int n = 0; n < sessions; ) {
                List<Command> batch = new ArrayList<>();
                for (int i = 0; i < PER_ENTRY && n < sessions; i++, n++) {
                    batch.add(new SystemCommand.Open(600_000, false).toCommand(++nonce));
                }
                state.apply(new LogEntry(++index, 1, CommandBatch.encode(TIME, 1, batch)), collect);
            }
            if (acknowledging == 0) {
                figures[0] = (used() - before) / sessions;
                figures[3] = state.sessions().encode().length / sessions;
            }
            for (long sequence = 1; sequence <= 10; sequence++) {
                index = commands(state, ids, index, sequence, acknowledging == 1 ? sequence - 1 : 0);
                if (sequence == 1 && acknowledging == 0) {
                    figures[4] = state.sessions().encode().length / sessions;
                }
            }
            figures[1 + acknowledging] = (used() - before) / sessions;
            int expected = acknowledging == 1 ? 1 : 10;
            if (state.sessions().size() != sessions || state.sessions().remembered(ids[0]) != expected) {
                throw new IllegalStateException("the table is not what was measured");
            }
        }
        return figures;
    }

    private static final long TIME = 1_700_000_000_000L;

    /** One command per session, numbered {@code sequence}, acknowledging {@code acked}. */
    private static long commands(ReplicatedState state, long[] ids, long index, long sequence, long acked) {
        byte[] payload = new byte[8];
        for (int from = 0; from < ids.length; from += PER_ENTRY) {
            List<Command> batch = new ArrayList<>();
            for (int i = from; i < Math.min(ids.length, from + PER_ENTRY); i++) {
                batch.add(new Command(ids[i], sequence, acked, payload));
            }
            state.apply(new LogEntry(++index, 1, CommandBatch.encode(TIME, 1, batch)), (ctx, c, r) -> { });
        }
        return index;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(now - last) < 64 * 1024) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
