package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A snapshot gives back the same tree, hidden state included (the child-creation counter that
 * numbers sequential nodes, the owners of containers and TTL nodes): the restored tree answers
 * every later write as the original does. Any damage (a flipped byte anywhere, a truncation
 * anywhere) is refused with the offset, never loaded.
 */
class TreeSnapshotProperties {

    @Provide
    Arbitrary<List<Step>> histories() {
        return Histories.histories(50);
    }

    @Property(tries = 200)
    void roundTripKeepsEveryFieldAndAnswersLaterWritesAlike(@ForAll("histories") List<Step> before,
                                                           @ForAll("histories") List<Step> after) throws IOException {
        DataTree original = new DataTree();
        long zxid = apply(original, before, 1);
        DataTree restored = TreeSnapshot.read(new ByteArrayInputStream(snapshot(original)), TreeConfig.DEFAULT);
        SameTree.assertSame(original, restored);
        for (Step step : after) {
            zxid++;
            OpResult expected = original.apply(step.command(), zxid, 5_000 + zxid, step.session()).result();
            OpResult actual = restored.apply(step.command(), zxid, 5_000 + zxid, step.session()).result();
            assertEquals(expected, actual, "after restore: " + step);
        }
        SameTree.assertSame(original, restored);
    }

    @Property(tries = 300)
    void aFlippedByteIsRefusedWithItsOffset(@ForAll("histories") List<Step> history,
                                            @ForAll @IntRange(min = 0, max = 1 << 20) int where,
                                            @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
        DataTree tree = new DataTree();
        apply(tree, history, 1);
        byte[] bytes = snapshot(tree);
        int at = where % bytes.length;
        bytes[at] ^= (byte) xor;
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> TreeSnapshot.read(new ByteArrayInputStream(bytes), TreeConfig.DEFAULT));
        assertTrue(e.offset() <= at, "the refusal names the record holding offset " + at + ": " + e.getMessage());
    }

    @Property(tries = 200)
    void aTruncatedSnapshotIsRefused(@ForAll("histories") List<Step> history,
                                     @ForAll @IntRange(min = 0, max = 1 << 20) int where) throws IOException {
        DataTree tree = new DataTree();
        apply(tree, history, 1);
        byte[] bytes = snapshot(tree);
        byte[] cut = Arrays.copyOf(bytes, where % bytes.length);
        assertThrows(CorruptSnapshotException.class,
                () -> TreeSnapshot.read(new ByteArrayInputStream(cut), TreeConfig.DEFAULT));
    }

    static long apply(DataTree tree, List<Step> steps, long zxid) {
        for (Step step : steps) {
            zxid++;
            tree.apply(step.command(), zxid, 1_000 + zxid, step.session());
        }
        return zxid;
    }

    static byte[] snapshot(DataTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeSnapshot.write(tree, out);
        return out.toByteArray();
    }
}
