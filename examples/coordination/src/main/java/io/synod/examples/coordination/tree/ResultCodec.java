package io.synod.examples.coordination.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of an {@link OpResult}, what {@code apply} returns to the server that submitted
 * the command. Same primitives as {@link CommandCodec}; a stat is its eleven fields in Jute order.
 *
 * <pre>
 * result = u8 kind | fields
 *   1 created  str path | stat      2 deleted       3 dataSet stat     4 aclSet stat
 *   5 checked                      6 sessionClosed len(n) | n × str path
 *   7 error    i32 code            8 multi len(n) | n × result
 * </pre>
 */
public final class ResultCodec {

    private ResultCodec() {
    }

    public static byte[] encode(OpResult result) {
        BinaryWriter out = new BinaryWriter();
        write(out, result);
        return out.toByteArray();
    }

    private static void write(BinaryWriter out, OpResult result) {
        if (result instanceof OpResult.Created c) {
            out.u8(1);
            out.string(c.path());
            out.stat(c.stat());
        } else if (result instanceof OpResult.Deleted) {
            out.u8(2);
        } else if (result instanceof OpResult.DataSet s) {
            out.u8(3);
            out.stat(s.stat());
        } else if (result instanceof OpResult.AclSet s) {
            out.u8(4);
            out.stat(s.stat());
        } else if (result instanceof OpResult.Checked) {
            out.u8(5);
        } else if (result instanceof OpResult.SessionClosed s) {
            out.u8(6);
            out.varint(s.deleted().size());
            for (String path : s.deleted()) {
                out.string(path);
            }
        } else if (result instanceof OpResult.Error e) {
            out.u8(7);
            out.i32(e.code().code());
        } else if (result instanceof OpResult.MultiResult m) {
            out.u8(8);
            out.varint(m.results().size());
            for (OpResult inner : m.results()) {
                write(out, inner);
            }
        } else {
            throw new IllegalArgumentException("unknown result " + result);
        }
    }

    public static OpResult decode(byte[] bytes) throws MalformedCommandException {
        BinaryReader in = new BinaryReader(bytes);
        OpResult result = read(in);
        in.end();
        return result;
    }

    private static OpResult read(BinaryReader in) throws MalformedCommandException {
        int at = in.offset();
        int kind = in.u8();
        switch (kind) {
            case 1 -> {
                String path = in.string("path");
                return new OpResult.Created(path, in.stat());
            }
            case 2 -> {
                return new OpResult.Deleted();
            }
            case 3 -> {
                return new OpResult.DataSet(in.stat());
            }
            case 4 -> {
                return new OpResult.AclSet(in.stat());
            }
            case 5 -> {
                return new OpResult.Checked();
            }
            case 6 -> {
                int count = in.count(1, "path");
                List<String> paths = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    paths.add(in.string("path"));
                }
                return new OpResult.SessionClosed(paths);
            }
            case 7 -> {
                int codeAt = in.offset();
                int value = in.i32();
                ErrorCode code = ErrorCode.fromCode(value);
                if (code == null) {
                    throw new MalformedCommandException("unknown error code " + value, codeAt);
                }
                return new OpResult.Error(code);
            }
            case 8 -> {
                int count = in.count(1, "result");
                List<OpResult> results = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    results.add(read(in));
                }
                return new OpResult.MultiResult(results);
            }
            default -> throw new MalformedCommandException("unknown result kind " + kind, at);
        }
    }
}
