package io.synod.examples.coordination.sim;

import io.synod.api.ApplyContext;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.server.Zxid;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.ResultCodec;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.tree.Step;
import io.synod.testkit.Workload;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Coordination clients under the simulator: creates in every mode (sequential and ephemeral ones
 * included), deletes and setData with matching and missing versions, multi, and getData, exists and
 * getChildren reads, over three small subtrees ({@code /a}, {@code /b}, {@code /c}) so that
 * operations collide. An op stays inside one subtree (a multi too), which lets the model check each
 * subtree on its own. Written data is unique per client and operation.
 */
final class TreeWorkload implements Workload<TreeOp, TreeResult> {

    private static final String[] TOPS = {"/a", "/b", "/c"};
    private static final CreateMode[] PLAIN_MODES = {CreateMode.PERSISTENT, CreateMode.PERSISTENT, CreateMode.PERSISTENT,
        CreateMode.EPHEMERAL, CreateMode.EPHEMERAL, CreateMode.CONTAINER, CreateMode.PERSISTENT_WITH_TTL};
    private static final CreateMode[] SEQUENTIAL_MODES = {CreateMode.PERSISTENT_SEQUENTIAL, CreateMode.EPHEMERAL_SEQUENTIAL,
        CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL};
    private static final int[] VERSIONS = {-1, -1, 0, 1, 2};
    /** Long enough that no TTL node is due in a run (and no one removes them here anyway). */
    private static final long TTL_MILLIS = 3_600_000;

    @Override
    public TreeOp next(RandomGenerator random, int client, long operation) {
        String top = TOPS[random.nextInt(TOPS.length)];
        String data = "c" + client + "-" + operation;
        int roll = random.nextInt(100);
        if (roll < 35) {
            TreeOp.ReadKind kind = TreeOp.ReadKind.values()[random.nextInt(TreeOp.ReadKind.values().length)];
            return new TreeOp.Read(kind, anyPath(random, top));
        }
        Op op;
        if (roll < 57) {
            op = create(random, top, data);
        } else if (roll < 70) {
            op = new Op.Delete(anyPath(random, top), VERSIONS[random.nextInt(VERSIONS.length)]);
        } else if (roll < 88) {
            op = new Op.SetData(anyPath(random, top), bytes(data), VERSIONS[random.nextInt(VERSIONS.length)]);
        } else {
            List<Op> ops = new ArrayList<>();
            int count = 2 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(4);
                String path = plainPath(random, top);
                int version = VERSIONS[random.nextInt(VERSIONS.length)];
                ops.add(switch (kind) {
                    case 0 -> create(random, top, data + "." + i);
                    case 1 -> new Op.Delete(path, version);
                    case 2 -> new Op.SetData(path, bytes(data + "." + i), version);
                    default -> new Op.Check(path, version);
                });
            }
            op = new Op.Multi(ops);
        }
        return new TreeOp.Update(new Step(0, List.of(), op));
    }

    private static Op create(RandomGenerator random, String top, String data) {
        boolean sequential = random.nextInt(10) < 3;
        CreateMode mode = sequential ? SEQUENTIAL_MODES[random.nextInt(SEQUENTIAL_MODES.length)]
            : PLAIN_MODES[random.nextInt(PLAIN_MODES.length)];
        String path = sequential ? top + "/q-" : plainPath(random, top);
        return new Op.Create(path, bytes(data), Acl.OPEN, mode, mode.isTtl() ? TTL_MILLIS : Op.NO_TTL);
    }

    /** The subtree's fixed names: itself, two children, a grandchild. */
    private static String plainPath(RandomGenerator random, String top) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> top;
            case 2 -> top + "/x";
            case 3 -> top + "/y";
            default -> top + "/x/z";
        };
    }

    /** A fixed name or one of the first sequential names. */
    private static String anyPath(RandomGenerator random, String top) {
        return random.nextInt(4) == 0 ? top + "/q-" + String.format("%010d", random.nextInt(4)) : plainPath(random, top);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] encode(TreeOp input) {
        if (input instanceof TreeOp.Update u) {
            return CoordinationStateMachine.treeCommand(u.step().command());
        }
        if (input instanceof TreeOp.Read r) {
            return ObservedCoordination.encodeRead(r);
        }
        throw new IllegalArgumentException("no client sends " + input);
    }

    @Override
    public boolean isRead(TreeOp input) {
        return input instanceof TreeOp.Read;
    }

    @Override
    public TreeResult decode(TreeOp input, byte[] result) {
        if (input instanceof TreeOp.Expiry) {
            return new TreeResult.Expired();
        }
        if (input instanceof TreeOp.Read) {
            return decodeRead(result);
        }
        int end = result.length - 2 * Long.BYTES;
        ByteBuffer place = ByteBuffer.wrap(result, end, 2 * Long.BYTES);
        try {
            return new TreeResult.Applied(ResultCodec.decode(Arrays.copyOf(result, end)), place.getLong(), place.getLong());
        } catch (MalformedCommandException e) {
            throw new IllegalStateException("the state machine answered " + input + " with a malformed result", e);
        }
    }

    private static TreeResult.Read decodeRead(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            ErrorCode code = ErrorCode.valueOf(in.readUTF());
            Stat stat = null;
            if (in.readBoolean()) {
                long[] v = new long[11];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readLong();
                }
                stat = new Stat(v[0], v[1], v[2], v[3], (int) v[4], (int) v[5], (int) v[6], v[7], (int) v[8], (int) v[9], v[10]);
            }
            String data = in.readBoolean() ? in.readUTF() : null;
            int count = in.readInt();
            List<String> children = null;
            if (count >= 0) {
                children = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    children.add(in.readUTF());
                }
            }
            return new TreeResult.Read(code, data, stat, children);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TreeOp inSession(TreeOp input, long sessionId) {
        if (input instanceof TreeOp.Update u) {
            return new TreeOp.Update(new Step(sessionId, u.step().auth(), u.step().op()));
        }
        return input;
    }

    @Override
    public Optional<TreeOp> expiry(long sessionId, ApplyContext at) {
        return Optional.of(new TreeOp.Expiry(sessionId, Zxid.of(at.index(), at.position()), at.timestamp()));
    }
}
