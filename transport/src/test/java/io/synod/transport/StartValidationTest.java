package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.storage.MemoryStorage;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What could fail later is refused at start, with a message that names the problem, and the
 * refused start leaves the node free to join the network again.
 */
class StartValidationTest {

    private final InJvmNetwork network = new InJvmNetwork();

    private void refused(int self, String expected, UnaryOperator<Replica.Builder> describe) {
        Replica.Builder builder = Replica.builder().protocol(new SoloProtocol(0)).self(self).members(self)
            .transport(network.join(self)).storage(new MemoryStorage()).stateMachine(new Journal());
        RuntimeException e = assertThrows(RuntimeException.class, () -> describe.apply(builder).start());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        network.join(self).close();
    }

    @Test
    void aNodeIdTheCodecsCannotCarryIsRefused() {
        refused(70_000, "id 70000 is outside 0..65535", b -> b);
        refused(1, "member id 70000 is outside", b -> b.members(1, 2, 70_000));
    }

    @Test
    void aNodeThatIsNeitherMemberNorObserverIsRefused() {
        refused(1, "node 1 is neither a member nor an observer", b -> b.members(2, 3, 4));
    }

    @Test
    void repeatedOrOverlappingNodesAreRefused() {
        refused(1, "members repeat", b -> b.members(1, 2, 2));
        refused(1, "observers repeat", b -> b.members(1, 2, 3).observers(4, 4));
        refused(1, "node 3 is both a member and an observer", b -> b.members(1, 2, 3).observers(3));
    }

    @Test
    void anotherNodesTransportIsRefused() {
        Replica.Builder builder = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1, 2)
            .transport(network.join(2)).storage(new MemoryStorage()).stateMachine(new Journal());
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);
        assertTrue(e.getMessage().contains("transport belongs to node 2, not 1"), e.getMessage());
        network.join(2).close();
    }

    @Test
    void somethingMissingIsNamed() {
        refused(1, "stateMachine is not set", b -> b.stateMachine(null));
    }
}
