package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synod.examples.coordination.acl.Acl;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Commands and results survive encoding; anything that is not an encoding (a truncation, a
 * trailing byte, random bytes, an op or mode that does not exist) is refused with
 * {@link MalformedCommandException}, never another exception and never a command.
 */
class CommandCodecProperties {

    @Provide
    Arbitrary<Step> steps() {
        return Histories.step();
    }

    @Property(tries = 500)
    void commandsRoundTrip(@ForAll("steps") Step step) throws MalformedCommandException {
        byte[] bytes = CommandCodec.encode(step.command());
        Command decoded = CommandCodec.decode(bytes);
        assertEquals(step.auth(), decoded.auth());
        assertArrayEquals(bytes, CommandCodec.encode(decoded));
        assertEquals(step.op().getClass(), decoded.op().getClass());
    }

    @Property(tries = 300)
    void everyTruncationAndTrailingByteIsRefused(@ForAll("steps") Step step) {
        byte[] bytes = CommandCodec.encode(step.command());
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(cut), "prefix " + length);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        MalformedCommandException e = assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(longer));
        assertEquals(bytes.length, e.offset());
    }

    @Property(tries = 2000)
    void randomBytesAreRefusedOrDecodeToSomethingThatReencodesAlike(@ForAll("bytes") byte[] tail) {
        byte[] bytes = new byte[tail.length + 2];
        bytes[0] = 1; // the format and no ids, so that the op decoder sees the random part
        System.arraycopy(tail, 0, bytes, 2, tail.length);
        try {
            Command command = CommandCodec.decode(bytes);
            assertArrayEquals(bytes, CommandCodec.encode(command));
        } catch (MalformedCommandException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= bytes.length);
        }
    }

    @Property(tries = 500)
    void resultsRoundTrip(@ForAll("steps") Step step) throws MalformedCommandException {
        DataTree tree = new DataTree();
        tree.apply(Command.of(new Op.Create("/a", null, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)), 1, 1, 1);
        OpResult result = tree.apply(step.command(), 2, 2, step.session()).result();
        assertEquals(result, ResultCodec.decode(ResultCodec.encode(result)));
    }

    @Example
    void unknownOpModeAndNestedMultiAreRefusedWithTheirOffset() {
        byte[] create = CommandCodec.encode(Command.of(new Op.Create("/a", null, List.of(), CreateMode.PERSISTENT, -1)));
        byte[] badOp = create.clone();
        badOp[2] = 99;
        assertEquals(2, assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(badOp)).offset());
        byte[] badMode = create.clone();
        int modeAt = create.length - 9;
        badMode[modeAt] = 7;
        MalformedCommandException mode = assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(badMode));
        assertEquals(modeAt, mode.offset());
        assertTrue(mode.getMessage().contains("create mode 7"), mode.getMessage());
        byte[] nested = {1, 0, 6, 1, 6, 0};
        MalformedCommandException multi = assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(nested));
        assertEquals(4, multi.offset());
        byte[] format = {2, 0, 7};
        assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(format));
        byte[] overLong = {1, 0, 8, (byte) 0x81, 0x00, 0x61};
        assertEquals(3, assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(overLong)).offset());
        byte[] hugeLength = {1, 0, 8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThrows(MalformedCommandException.class, () -> CommandCodec.decode(hugeLength));
    }

    @Example
    void aMalformedCommandChangesNothing() {
        DataTree tree = new DataTree();
        byte[] bytes = CommandCodec.encode(Command.of(new Op.Create("/a", null, Acl.OPEN, CreateMode.PERSISTENT, -1)));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(MalformedCommandException.class, () -> tree.apply(cut, 1, 1, 1));
        assertEquals(null, tree.exists("/a"));
        assertEquals(4, tree.nodeCount());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.bytes().between((byte) 0, (byte) 9).array(byte[].class).ofMaxSize(64));
    }
}
