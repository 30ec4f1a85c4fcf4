package io.synod.runtime;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionTableProperties {

    /**
     * Against a model that remembers everything: inside the window, the table must say exactly
     * what the model says; below it, it must refuse rather than guess.
     */
    @Property
    void agreesWithAnUnboundedModelInsideTheWindow(
        @ForAll @Size(max = 200) List<@IntRange(min = 1, max = 40) Integer> sequences,
        @ForAll @IntRange(min = 1, max = 16) int window) {
        agreeWithModel(sequences, window);
    }

    /** Windows larger than the table's first ring, with sequence numbers spread wide, so that rings grow. */
    @Property
    void agreesWithAnUnboundedModelWhenWindowsOutgrowTheFirstRing(
        @ForAll @Size(max = 300) List<@IntRange(min = 1, max = 700) Integer> sequences,
        @ForAll @IntRange(min = 17, max = 300) int window) {
        agreeWithModel(sequences, window);
    }

    private static void agreeWithModel(List<Integer> sequences, int window) {
        SessionTable table = new SessionTable(window);
        Map<Long, byte[]> applied = new HashMap<>();
        long highest = 0;
        for (int s : sequences) {
            long seq = s;
            SessionTable.Verdict verdict = table.classify(7, seq, seq);
            if (highest > 0 && seq <= highest - window) {
                assertEquals(SessionTable.Verdict.EXPIRED, verdict, "seq " + seq + " below window of " + highest);
                continue;
            }
            if (applied.containsKey(seq)) {
                assertEquals(SessionTable.Verdict.DUPLICATE, verdict);
                assertArrayEquals(applied.get(seq), table.result(7, seq));
            } else {
                assertEquals(SessionTable.Verdict.NEW, verdict);
                byte[] result = ByteBuffer.allocate(8).putLong(seq * 31).array();
                table.record(7, seq, seq, false, result);
                applied.put(seq, result);
                highest = Math.max(highest, seq);
            }
        }
        for (long seq = 1; seq <= highest + 1; seq++) {
            byte[] expected = seq > highest - window ? applied.get(seq) : null;
            assertArrayEquals(expected, table.result(7, seq), "result of seq " + seq + " with highest " + highest);
        }
    }

    @Property
    void encodingRoundTripsTheWholeTable(@ForAll @Size(max = 50) List<@IntRange(min = 1, max = 30) Integer> sequences) {
        SessionTable table = new SessionTable(8);
        for (int i = 0; i < sequences.size(); i++) {
            long client = i % 3;
            long seq = sequences.get(i);
            if (table.classify(client, seq, seq * 3) == SessionTable.Verdict.NEW) {
                table.record(client, seq, seq * 3, i % 2 == 0, new byte[] {(byte) i});
            }
        }
        SessionTable copy = new SessionTable(8);
        copy.decode(ByteBuffer.wrap(table.encode()));
        assertArrayEquals(table.encode(), copy.encode());
        for (long client = 0; client < 3; client++) {
            for (long seq = 1; seq <= 30; seq++) {
                assertEquals(table.classify(client, seq, seq * 3), copy.classify(client, seq, seq * 3));
                assertEquals(table.classify(client, seq, seq * 5), copy.classify(client, seq, seq * 5));
                assertEquals(table.refused(client, seq), copy.refused(client, seq));
            }
        }
    }

    /**
     * A number already used, with another payload, is a conflict wherever it lies in the window:
     * never a duplicate answered with the other command's result.
     */
    @Property
    void aUsedNumberWithAnotherPayloadIsAConflictNotADuplicate(
        @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 1, max = 80) Integer> sequences,
        @ForAll @IntRange(min = 1, max = 32) int window) {
        SessionTable table = new SessionTable(window);
        for (int s : sequences) {
            if (table.classify(9, s, s) == SessionTable.Verdict.NEW) {
                table.record(9, s, s, false, new byte[] {(byte) s});
            }
        }
        for (int s : sequences) {
            SessionTable.Verdict same = table.classify(9, s, s);
            SessionTable.Verdict other = table.classify(9, s, -s);
            if (same == SessionTable.Verdict.DUPLICATE) {
                assertEquals(SessionTable.Verdict.CONFLICT, other, "seq " + s);
            } else {
                assertEquals(same, other, "seq " + s + ": outside the remembered outcomes the payload does not matter");
            }
        }
    }
}
