package io.synod.examples.coordination.logdump;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.server.Zxid;
import io.synod.examples.coordination.tree.CommandCodec;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.Op;
import io.synod.runtime.session.SessionTable;
import io.synod.runtime.session.SystemCommand;

import java.text.DateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * One line per transaction of a log entry, as ZooKeeper's LogFormatter prints its log:
 * {@code <time> session 0x<id> cxid 0x<n> zxid 0x<zxid> <op> <fields>}, the fields in Jute's CSV style
 * ({@code '} before a string, {@code #} before hex bytes, {@code v{...}} a vector, {@code s{...}} a record).
 *
 * <p>What the columns are here: the time is the leader's stamp on the entry; the zxid is the entry's
 * index and the command's place in it ({@link Zxid}); cxid is the session's sequence number for the
 * command (ZooKeeper's is the request's xid; both number a session's requests in order). A session opened
 * by the runtime prints as {@code createSession} (its timeout), one its client closed as
 * {@code closeSession}; the runtime's renewals and clock ticks, which ZooKeeper does not log, are left
 * out. Two things differ from ZooKeeper's log because ours records the request, not its outcome: a
 * sequential create shows the path asked for (the suffix is assigned when it is applied), and a write
 * that failed (NoNode, BadVersion...) is in the log too. Sessions that expire do so at a point of the log
 * computed from its time, with no record of their own, so no closeSession line shows an expiry.
 */
final class TxnFormatter {

    private final DateFormat time;

    TxnFormatter(Locale locale, TimeZone zone) {
        time = DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.LONG, locale);
        time.setTimeZone(zone);
    }

    /** The lines of one entry: none for a no-op or an entry of runtime housekeeping only. */
    List<String> lines(LogEntry entry) {
        CommandBatch.Batch batch;
        try {
            batch = CommandBatch.decodeBatch(entry.data());
        } catch (IllegalArgumentException e) {
            return List.of("index " + entry.index() + " term " + entry.term() + ": not a command batch (" + e.getMessage() + ")");
        }
        List<String> lines = new ArrayList<>();
        String when = time.format(new Date(batch.timestamp()));
        for (int position = 0; position < batch.commands().size(); position++) {
            Command c = batch.commands().get(position);
            String txn = txn(entry.index(), position, c);
            if (txn != null) {
                lines.add(when + " session 0x" + Long.toHexString(session(entry.index(), position, c)) + " cxid 0x"
                    + Long.toHexString(SystemCommand.isReserved(c.clientId()) ? 0 : c.sequence()) + " zxid 0x"
                    + Long.toHexString(Zxid.of(entry.index(), position)) + " " + txn);
            }
        }
        return lines;
    }

    private static long session(long index, int position, Command c) {
        SystemCommand system = SystemCommand.isReserved(c.clientId()) ? SystemCommand.of(c) : null;
        if (system instanceof SystemCommand.Open) {
            return SessionTable.idAt(index, position);
        }
        if (system instanceof SystemCommand.Close close) {
            return close.session();
        }
        return SystemCommand.isReserved(c.clientId()) ? 0 : c.clientId();
    }

    /** {@code op fields}, or {@code null} for what ZooKeeper would not log. */
    private static String txn(long index, int position, Command c) {
        if (SystemCommand.isReserved(c.clientId())) {
            SystemCommand system = SystemCommand.of(c);
            if (system instanceof SystemCommand.Open open) {
                return "createSession " + open.timeoutMillis();
            }
            if (system instanceof SystemCommand.Close) {
                return "closeSession";
            }
            return null;
        }
        byte[] payload = c.payload();
        // A tree command: tagged TREE, or OWNED_TREE with the owner's zxid (8 bytes) before the body.
        // Registrations (their timeout was printed with createSession) and owner moves are not logged
        // by ZooKeeper either.
        int body;
        if (payload.length > 0 && payload[0] == CoordinationStateMachine.TREE) {
            body = 1;
        } else if (payload.length > 1 + Long.BYTES && payload[0] == CoordinationStateMachine.OWNED_TREE) {
            body = 1 + Long.BYTES;
        } else {
            return null;
        }
        try {
            return op(CommandCodec.decode(Arrays.copyOfRange(payload, body, payload.length)).op());
        } catch (MalformedCommandException e) {
            return "error malformed command at index " + index + " position " + position + ": " + e.getMessage();
        }
    }

    static String op(Op op) {
        if (op instanceof Op.Create c) {
            String fields = str(c.path()) + "," + bytes(c.data()) + "," + acl(c.acl());
            if (c.mode().isContainer()) {
                return "createContainer " + fields;
            }
            if (c.mode().isTtl()) {
                return "createTTL " + fields + "," + c.ttl();
            }
            return "create " + fields + "," + (c.mode().isEphemeral() ? "T" : "F");
        }
        if (op instanceof Op.Delete d) {
            return "delete " + str(d.path());
        }
        if (op instanceof Op.SetData s) {
            return "setData " + str(s.path()) + "," + bytes(s.data()) + "," + s.version();
        }
        if (op instanceof Op.SetAcl s) {
            return "setACL " + str(s.path()) + "," + acl(s.acl()) + "," + s.version();
        }
        if (op instanceof Op.Check c) {
            return "check " + str(c.path()) + "," + c.version();
        }
        if (op instanceof Op.Multi m) {
            List<String> inner = new ArrayList<>();
            for (Op o : m.ops()) {
                String text = op(o);
                int space = text.indexOf(' ');
                inner.add("s{" + text.substring(0, space) + "," + text.substring(space + 1) + "}");
            }
            return "multi v{" + String.join(",", inner) + "}";
        }
        if (op instanceof Op.CloseSession) {
            return "closeSession";
        }
        if (op instanceof Op.RemoveExpired r) {
            return "deleteContainer " + str(r.path());
        }
        return "unknown " + op;
    }

    private static String str(String s) {
        return "'" + s;
    }

    private static String bytes(byte[] data) {
        return data == null ? "" : "#" + HexFormat.of().formatHex(data);
    }

    private static String acl(List<Acl> acl) {
        if (acl == null) {
            return "v{}";
        }
        List<String> entries = new ArrayList<>();
        for (Acl a : acl) {
            entries.add("s{" + a.perms() + ",s{'" + a.id().scheme() + ",'" + a.id().id() + "}}");
        }
        return "v{" + String.join(",", entries) + "}";
    }
}
