package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Id;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link Command} in the log. Big-endian; {@code len} is an unsigned LEB128
 * varint; {@code str} is {@code len} + UTF-8; {@code data} is {@code len(n + 1)} + n bytes, with
 * {@code 0} for null; {@code acl} is {@code len(count)} + count × ({@code i32 perms}, {@code str
 * scheme}, {@code str id}).
 *
 * <pre>
 * command  = u8 FORMAT(1) | u8 authCount | authCount × (str scheme, str id) | op
 * op       = u8 code | fields
 *   1 create       str path | data | acl | u8 modeFlag | i64 ttl
 *   2 delete       str path | i32 version
 *   3 setData      str path | data | i32 version
 *   4 setAcl       str path | acl | i32 version
 *   5 check        str path | i32 version
 *   6 multi        len(count) | count × op  (create, delete, setData, check only)
 *   7 closeSession (nothing)
 *   8 removeExpired str path
 * </pre>
 *
 * A create with no ACL and ZooKeeper's OPEN ACL takes about 20 bytes plus path and data.
 */
public final class CommandCodec {

    static final int FORMAT = 1;
    static final int CREATE = 1;
    static final int DELETE = 2;
    static final int SET_DATA = 3;
    static final int SET_ACL = 4;
    static final int CHECK = 5;
    static final int MULTI = 6;
    static final int CLOSE_SESSION = 7;
    static final int REMOVE_EXPIRED = 8;

    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        BinaryWriter out = new BinaryWriter();
        out.u8(FORMAT);
        if (command.auth().size() > 255) {
            throw new IllegalArgumentException("at most 255 authenticated ids, got " + command.auth().size());
        }
        out.u8(command.auth().size());
        for (Id id : command.auth()) {
            out.id(id);
        }
        op(out, command.op());
        return out.toByteArray();
    }

    private static void op(BinaryWriter out, Op op) {
        if (op instanceof Op.Create c) {
            out.u8(CREATE);
            out.string(c.path());
            out.data(c.data());
            out.acl(c.acl());
            out.u8(c.mode().flag());
            out.i64(c.ttl());
        } else if (op instanceof Op.Delete d) {
            out.u8(DELETE);
            out.string(d.path());
            out.i32(d.version());
        } else if (op instanceof Op.SetData s) {
            out.u8(SET_DATA);
            out.string(s.path());
            out.data(s.data());
            out.i32(s.version());
        } else if (op instanceof Op.SetAcl s) {
            out.u8(SET_ACL);
            out.string(s.path());
            out.acl(s.acl());
            out.i32(s.version());
        } else if (op instanceof Op.Check c) {
            out.u8(CHECK);
            out.string(c.path());
            out.i32(c.version());
        } else if (op instanceof Op.Multi m) {
            out.u8(MULTI);
            out.varint(m.ops().size());
            for (Op inner : m.ops()) {
                op(out, inner);
            }
        } else if (op instanceof Op.CloseSession) {
            out.u8(CLOSE_SESSION);
        } else if (op instanceof Op.RemoveExpired r) {
            out.u8(REMOVE_EXPIRED);
            out.string(r.path());
        } else {
            throw new IllegalArgumentException("unknown op " + op);
        }
    }

    /** The command these bytes encode; anything else is refused, naming the offset. */
    public static Command decode(byte[] bytes) throws MalformedCommandException {
        BinaryReader in = new BinaryReader(bytes);
        int format = in.u8();
        if (format != FORMAT) {
            throw new MalformedCommandException("unknown command format " + format, 0);
        }
        int authCount = in.u8();
        List<Id> auth = new ArrayList<>(Math.min(authCount, bytes.length));
        for (int i = 0; i < authCount; i++) {
            auth.add(in.id());
        }
        Op op = op(in, false);
        in.end();
        return new Command(auth, op);
    }

    private static Op op(BinaryReader in, boolean insideMulti) throws MalformedCommandException {
        int at = in.offset();
        int code = in.u8();
        if (insideMulti && (code != CREATE && code != DELETE && code != SET_DATA && code != CHECK)) {
            throw new MalformedCommandException("op " + code + " not allowed inside multi", at);
        }
        switch (code) {
            case CREATE -> {
                String path = in.string("path");
                byte[] data = in.data();
                var acl = in.acl();
                int flagAt = in.offset();
                int flag = in.u8();
                CreateMode mode = CreateMode.fromFlag(flag);
                if (mode == null) {
                    throw new MalformedCommandException("unknown create mode " + flag, flagAt);
                }
                return new Op.Create(path, data, acl, mode, in.i64());
            }
            case DELETE -> {
                return new Op.Delete(in.string("path"), in.i32());
            }
            case SET_DATA -> {
                String path = in.string("path");
                byte[] data = in.data();
                return new Op.SetData(path, data, in.i32());
            }
            case SET_ACL -> {
                String path = in.string("path");
                var acl = in.acl();
                return new Op.SetAcl(path, acl, in.i32());
            }
            case CHECK -> {
                return new Op.Check(in.string("path"), in.i32());
            }
            case MULTI -> {
                int count = in.count(2, "multi op");
                List<Op> ops = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ops.add(op(in, true));
                }
                return new Op.Multi(ops);
            }
            case CLOSE_SESSION -> {
                return new Op.CloseSession();
            }
            case REMOVE_EXPIRED -> {
                return new Op.RemoveExpired(in.string("path"));
            }
            default -> throw new MalformedCommandException("unknown op " + code, at);
        }
    }
}
