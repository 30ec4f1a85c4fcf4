package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.tree.Stat;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/** The reference implementation's side of the cross-checks: ZooKeeper's own Jute classes and archives. */
final class Theirs {

    private Theirs() {
    }

    static byte[] bytes(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            record.serialize(BinaryOutputArchive.getArchive(out), "record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static <R extends Record> R read(byte[] bytes, Supplier<R> empty) {
        R record = empty.get();
        try {
            record.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(bytes)), "record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record;
    }

    static org.apache.zookeeper.data.Stat stat(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(),
            s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    static List<ACL> acls(List<Acl> acls) {
        return acls == null ? null : acls.stream().map(a -> new ACL(a.perms(), new Id(a.id().scheme(), a.id().id()))).toList();
    }
}
