package io.synod.examples.coordination.session;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry's snapshot form: owners kept, and a snapshot written before owners existed still read. */
class SessionRegistryTest {

    @Test
    void ownersSurviveTheSnapshot() throws IOException {
        SessionRegistry r = new SessionRegistry();
        r.register(7, 4000, 1, 0x1_0000L);
        r.sequenced(7, 5);
        r.changeOwner(7, 0x9_0002L);
        SessionRegistry back = SessionRegistry.read(in(bytes(r::write)));
        assertEquals(new SessionRegistry.Entry(4000, 5, 0x9_0002L), back.get(7));
    }

    @Test
    void aSnapshotWithoutOwnersIsReadWithNoOwnerToCheck() throws IOException {
        byte[] old = bytes(out -> {
            out.writeInt(1);
            out.writeLong(7);
            out.writeInt(4000);
            out.writeLong(3);
        });
        assertEquals(new SessionRegistry.Entry(4000, 3, SessionRegistry.NO_OWNER), SessionRegistry.read(in(old)).get(7));
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IOException.class, () -> SessionRegistry.read(in(bytes(out -> out.writeInt(-5)))));
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writing w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            w.to(out);
        }
        return b.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
