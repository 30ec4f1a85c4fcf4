package io.synod.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandBatchProperties {

    @Property
    void decodingAnEncodedBatchGivesTheSameCommands(@ForAll("batches") List<Command> commands) {
        assertEquals(commands, CommandBatch.decode(CommandBatch.encode(commands)));
    }

    @Property
    void theLeadersTimeAndTermTravelWithTheBatch(@ForAll long timestamp, @ForAll long term, @ForAll("batches") List<Command> commands) {
        CommandBatch.Batch batch = CommandBatch.decodeBatch(CommandBatch.encode(timestamp, term, commands));
        assertEquals(new CommandBatch.Batch(timestamp, term, commands), batch);
    }

    @Property
    void onlyTheEmptyBatchIsANoop(@ForAll("batches") List<Command> commands) {
        assertEquals(commands.isEmpty(), CommandBatch.isNoop(CommandBatch.encode(commands)));
    }

    @Property
    void aTruncatedBatchIsRefusedNotShortened(@ForAll("batches") @Size(min = 1) List<Command> commands,
                                              @ForAll int cut) {
        byte[] whole = CommandBatch.encode(commands);
        int length = Math.floorMod(cut, whole.length);
        byte[] part = java.util.Arrays.copyOf(whole, length);
        assertThrows(IllegalArgumentException.class, () -> CommandBatch.decode(part));
    }

    @Property
    void randomBytesDecodeOrFailCleanly(@ForAll byte[] garbage) {
        try {
            CommandBatch.Batch decoded = CommandBatch.decodeBatch(garbage);
            assertTrue(java.util.Arrays.equals(garbage, CommandBatch.encode(decoded.timestamp(), decoded.term(), decoded.commands())),
                "bytes that decode must be exactly the encoding of what they decode to");
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<List<Command>> batches() {
        Arbitrary<Command> command = Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
            .as((client, seq, acked, payload) -> new Command(client, seq, Math.min(acked, seq - 1), payload));
        return command.list().ofMaxSize(8);
    }
}
