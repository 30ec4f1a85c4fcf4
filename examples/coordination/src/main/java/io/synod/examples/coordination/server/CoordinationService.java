package io.synod.examples.coordination.server;

import io.synod.examples.coordination.acl.DigestScheme;
import io.synod.examples.coordination.admin.FactsSource;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.IpScheme;
import io.synod.examples.coordination.session.SequenceWindow;
import io.synod.examples.coordination.session.SessionPassword;
import io.synod.examples.coordination.session.SessionRegistry;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.tree.ResultCodec;
import io.synod.examples.coordination.tree.TreeException;
import io.synod.examples.coordination.watch.ChangeEvent;
import io.synod.examples.coordination.watch.WatchTable;
import io.synod.examples.coordination.wire.AuthPacket;
import io.synod.examples.coordination.wire.ClientInfo;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.PathRequest;
import io.synod.examples.coordination.wire.PathResponse;
import io.synod.examples.coordination.wire.Request;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.SaslResponse;
import io.synod.examples.coordination.wire.WatcherEvent;
import io.synod.examples.coordination.wire.WhoAmIResponse;
import io.synod.runtime.Replica;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * ZooKeeper's server semantics on a Synod {@link Replica}: what a {@link ClientPort} hands over is
 * served from the replicated tree of a {@link CoordinationStateMachine}.
 *
 * <ul>
 *   <li>Handshake: a new session is opened through the log (FIFO, its timeout bounded by the rules) and
 *       registered by its first command; a resumed one is checked against its derived password and, once
 *       this replica applied the client's last seen zxid, taken over by an owner change in the log, which
 *       finds it open or not and closes its earlier connection wherever that is.</li>
 *   <li>Writes are submitted in the session with growing numbers; the reply's zxid is the write's
 *       place in the log. Reads wait for the connection's earlier writes, then run on the replica
 *       thread at the client's last seen zxid or later; sync is the runtime's barrier.</li>
 *   <li>Watches are kept here, per connection, on the replica thread: an applied change fires them
 *       before any later reply on that connection.</li>
 * </ul>
 * A request the runtime did not answer within its request timeout is asked again while its connection is
 * open ({@link AskAgain}): a client that reads its replies is not disconnected for a slow commit, as with
 * ZooKeeper. A request the runtime cannot answer at all (a stopped replica) closes the connection: the
 * client sees ConnectionLoss and retries elsewhere.
 */
public final class CoordinationService implements RequestHandler {

    /** The session timeout bounds of the server (ZooKeeper's minSessionTimeout, maxSessionTimeout). */
    public record Timeouts(int minMillis, int maxMillis) {
        public Timeouts {
            if (minMillis <= 0 || maxMillis < minMillis) {
                throw new IllegalArgumentException("session timeouts need 0 < min <= max, not " + minMillis + ".." + maxMillis);
            }
        }

        int negotiate(int asked) {
            return Math.max(minMillis, Math.min(maxMillis, asked));
        }
    }

    private final Replica replica;
    private final CoordinationStateMachine machine;
    private final SessionPassword passwords;
    private final Timeouts timeouts;
    /** Touched on the replica thread only. */
    private final WatchTable<ClientSession> watches = new WatchTable<>();
    private final ConnectionBook book = new ConnectionBook();
    private final ReplicaReads reads = new ReplicaReads(watches);
    private final FactsGathering facts;
    private final LongAdder askedAgain = new LongAdder();
    private final AskAgain.Counter askAgainCounter = askedAgain::increment;

    public CoordinationService(Replica replica, CoordinationStateMachine machine, SessionPassword passwords, Timeouts timeouts) {
        this.replica = replica;
        this.machine = machine;
        this.passwords = passwords;
        this.timeouts = timeouts;
        this.facts = new FactsGathering(replica, machine, watches, this::servedZxid);
        machine.listener(new CoordinationStateMachine.Listener() {
            @Override
            public void changed(List<ChangeEvent> events) {
                fire(events);
            }

            @Override
            public void sessionEnded(long sessionId) {
                book.ended(sessionId);
            }

            @Override
            public void ownerChanged(long sessionId, long ownerSince) {
                book.closeEarlier(sessionId, ownerSince);
            }
        });
    }

    // ---------------------------------------------------------------- handshake

    @Override
    public void connect(ClientConnection connection, ConnectRequest request) {
        if (request.sessionId() == 0) {
            int asked = timeouts.negotiate(request.timeOut());
            replica.openSession(Duration.ofMillis(asked), true)
                .thenCompose(session -> {
                    int granted = (int) session.timeout().toMillis();
                    return replica.submit(session.id(), 1, 0, CoordinationStateMachine.registerCommand(granted))
                        .thenAccept(applied -> establish(connection, request, session.id(),
                            new CoordinationStateMachine.OwnerChange(ByteBuffer.wrap(applied.result()).getLong(), 1, granted),
                            request.lastZxidSeen()));
                })
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        connection.close("could not open a session: " + rootCause(failure));
                    }
                });
            return;
        }
        long id = request.sessionId();
        if (!passwords.matches(id, request.passwd())) {
            connection.refuse(ConnectResponse.expired(request.oldClient()));
            return;
        }
        // Not answered before this replica applied what the client saw; whether the session is still open is
        // then decided in the log, by the owner change (this replica may not have applied its registration yet).
        onReplica(connection, request.lastZxidSeen(), () -> takeOwnership(connection, request, id));
    }

    /**
     * ZooKeeper moves a session's owner through its leader; here the move is a command in the log, so that
     * every server learns it at the same point: the connection that had the session is closed where it
     * applies, and its commands ordered after it change nothing (SESSIONMOVED). It is logged outside the
     * session, whose numbers the earlier connection may still be using.
     */
    private void takeOwnership(ClientConnection connection, ConnectRequest request, long id) {
        replica.submit(CoordinationStateMachine.ownerCommand(id)).whenComplete((result, failure) -> {
            if (failure != null) {
                connection.close("could not take over the session: " + rootCause(failure));
                return;
            }
            CoordinationStateMachine.OwnerChange change = CoordinationStateMachine.OwnerChange.decode(result);
            if (change == null) {
                connection.refuse(ConnectResponse.expired(request.oldClient()));
            } else {
                replica.touch(id);
                establish(connection, request, id, change, request.lastZxidSeen());
            }
        });
    }

    private void establish(ClientConnection connection, ConnectRequest request, long id, CoordinationStateMachine.OwnerChange entry,
                           long lastZxidSeen) {
        // A window left here by an earlier stay of the session is stale if another server numbered commands since;
        // if not, it goes on after the numbers that stay used, which may still be in flight.
        SequenceWindow window = book.window(id, entry.lastSequence());
        ClientSession session = new ClientSession(connection, id, entry.timeoutMillis(), entry.ownerSince(), window, lastZxidSeen);
        session.auth.add(new Id(IpScheme.NAME, connection.remoteAddress().getAddress().getHostAddress()));
        connection.attach(session);
        book.add(connection, session);
        connection.establish(new ConnectResponse(0, entry.timeoutMillis(), id, passwords.of(id), false, request.oldClient()));
    }

    @Override
    public long ping(ClientConnection connection) {
        if (connection.attachment() instanceof ClientSession session) {
            replica.touch(session.sessionId);
        }
        return servedZxid();
    }

    @Override
    public void disconnected(ClientConnection connection, String reason) {
        ClientSession session = book.remove(connection);
        if (session != null) {
            onReplica(null, 0, () -> watches.removeAll(session));
        }
    }

    // ---------------------------------------------------------------- requests

    @Override
    public void request(ClientConnection connection, ClientRequest clientRequest, PendingReply reply) {
        ClientSession session = (ClientSession) connection.attachment();
        Request request = clientRequest.request();
        if (WriteMapping.isWrite(request)) {
            if (WriteMapping.overJuteMaxBuffer(clientRequest, machine.config().maxDataBytes())) {
                // ZooKeeper reads no request longer than jute.maxbuffer: it closes the connection ("Len error"),
                // and its client sees ConnectionLoss, not an error code.
                connection.close("a request of more than jute.maxbuffer (" + machine.config().maxDataBytes() + " bytes)");
                return;
            }
            write(session, request, reply);
            return;
        }
        switch (request.op()) {
            case CLOSE_SESSION -> closeSession(session, reply);
            case AUTH -> authenticate(session, (AuthPacket) request, reply);
            case WHO_AM_I -> {
                List<ClientInfo> ids = new ArrayList<>();
                for (Id id : session.auth) {
                    ids.add(new ClientInfo(id.scheme(), id.id()));
                }
                reply.complete(servedZxid(), new WhoAmIResponse(ids));
            }
            case SASL -> reply.complete(servedZxid(), SaslResponse.NONE);
            case SYNC -> sync(session, ((PathRequest) request).path(), reply);
            default -> afterWrites(session, () -> onReplica(connection, session.lastZxidSeen,
                () -> readOnReplica(session, request, reply)));
        }
    }

    private void write(ClientSession session, Request request, PendingReply reply) {
        byte[] command;
        try {
            command = CoordinationStateMachine.ownedTreeCommand(session.ownerSince,
                new Command(List.copyOf(session.auth), WriteMapping.toOp(request)));
        } catch (WriteMapping.Refused refused) {
            reply.fail(servedZxid(), refused.code);
            return;
        }
        long sequence = session.sequences.next();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = session.lastWrite;
        session.lastWrite = done;
        AskAgain.untilAnswered(session.connection, askAgainCounter,
                () -> replica.submit(session.sessionId, sequence, session.sequences.ackedThrough(), command))
            .whenComplete((applied, failure) -> {
                try {
                    if (failure != null) {
                        session.connection.close("a write failed: " + rootCause(failure));
                        return;
                    }
                    session.sequences.answered(sequence);
                    long zxid = Zxid.of(applied.index(), applied.position());
                    session.saw(zxid);
                    OpResult result = ResultCodec.decode(applied.result());
                    if (result.code() == ErrorCode.SESSION_MOVED) {
                        // ZooKeeper tears such a connection down unanswered: its client has moved on.
                        session.connection.close("its session moved; a write of it refused");
                    } else if (result instanceof OpResult.Error error) {
                        reply.fail(zxid, error.code());
                    } else {
                        reply.complete(zxid, WriteMapping.toResponse(request, result));
                    }
                } catch (MalformedCommandException | RuntimeException e) {
                    session.connection.close("could not answer a write: " + e);
                } finally {
                    // A write answered before an earlier sync finished still lets later reads wait for that sync.
                    before.whenComplete((ignored, earlier) -> done.complete(null));
                }
            });
    }

    /**
     * The runtime's barrier, in the connection's order: after its earlier writes, and before its later reads,
     * which then run at the barrier's index or later (a read after sync sees every write acknowledged before it).
     */
    private void sync(ClientSession session, String path, PendingReply reply) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = session.lastWrite;
        session.lastWrite = done;
        before.whenComplete((ignored, earlier) -> AskAgain.untilAnswered(session.connection, askAgainCounter, replica::sync)
            .whenComplete((index, failure) -> {
                try {
                    if (failure != null) {
                        session.connection.close("sync failed: " + rootCause(failure));
                    } else {
                        session.saw(Zxid.of(index, 0));
                        reply.complete(Math.max(servedZxid(), Zxid.of(index, 0)), new PathResponse(path));
                    }
                } finally {
                    done.complete(null);
                }
            }));
    }

    private void closeSession(ClientSession session, PendingReply reply) {
        afterWrites(session, () -> onReplica(session.connection, 0, () -> {
            if (movedAway(session)) {
                session.connection.close("its session moved; its close not carried out");
            } else {
                endSession(session, reply);
            }
        }));
    }

    private void endSession(ClientSession session, PendingReply reply) {
        AskAgain.untilAnswered(session.connection, askAgainCounter, () -> replica.closeSession(session.sessionId))
            .whenComplete((ok, failure) -> {
                if (failure != null) {
                    session.connection.close("closing the session failed: " + rootCause(failure));
                    return;
                }
                book.forgetWindow(session.sessionId);
                reply.complete(servedZxid(), Response.EMPTY);
                session.connection.closeWhenAnswered("session closed");
            });
    }

    private void authenticate(ClientSession session, AuthPacket auth, PendingReply reply) {
        if (!DigestScheme.NAME.equals(auth.scheme()) || auth.auth() == null) {
            reply.fail(0, ErrorCode.AUTH_FAILED);
            session.connection.closeWhenAnswered("authentication with scheme " + auth.scheme() + " refused");
            return;
        }
        Id id = new Id(DigestScheme.NAME, DigestScheme.digest(new String(auth.auth(), StandardCharsets.UTF_8)));
        if (!session.auth.contains(id)) {
            session.auth.add(id);
        }
        reply.complete(0, Response.EMPTY);
    }

    /** Runs {@code task} once the connection's writes so far are answered (on whichever thread answers the last). */
    private static void afterWrites(ClientSession session, Runnable task) {
        session.lastWrite.whenComplete((ok, failure) -> task.run());
    }

    /** Runs {@code task} on the replica thread once it applied {@code zxid}'s entry; a failure closes the connection. */
    private void onReplica(ClientConnection connection, long zxid, Runnable task) {
        byte[] ticket = machine.park(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (connection != null) {
                    connection.close("could not serve a read: " + e);
                }
            }
        });
        CompletableFuture<byte[]> served = connection == null ? replica.readLocal(Zxid.index(zxid), ticket)
            : AskAgain.untilAnswered(connection, askAgainCounter, () -> replica.readLocal(Zxid.index(zxid), ticket));
        served.whenComplete((ok, failure) -> {
            if (failure != null) {
                machine.unpark(ticket);
                if (connection != null) {
                    connection.close("this server did not catch up with the client: " + rootCause(failure));
                }
            }
        });
    }

    // ---------------------------------------------------------------- reads, on the replica thread

    private void readOnReplica(ClientSession session, Request request, PendingReply reply) {
        if (movedAway(session)) {
            session.connection.close("its session moved; a read of it not answered");
            return;
        }
        DataTree tree = machine.tree();
        long zxid = servedZxid();
        try {
            reply.complete(zxid, reads.read(session, tree, request));
        } catch (TreeException e) {
            reply.fail(zxid, ReplicaReads.readError(e.code()));
        } catch (ReplicaReads.NoWatcher e) {
            reply.fail(zxid, ErrorCode.NO_WATCHER);
        }
    }

    // ---------------------------------------------------------------- the replica thread's news

    private void fire(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            for (ClientSession session : watches.trigger(event)) {
                session.connection.sendEvent(event.zxid(), WatcherEvent.of(event.type().code(), event.path()));
            }
        }
    }

    /** On the replica thread: whether the session has moved from this connection to a later one. */
    private boolean movedAway(ClientSession session) {
        SessionRegistry.Entry entry = machine.sessions().get(session.sessionId);
        return entry != null && entry.ownerSince() != session.ownerSince && entry.ownerSince() != SessionRegistry.NO_OWNER;
    }

    /**
     * The zxid a reply carries: the last change applied here, and at least the applied log index (after a
     * restart from a snapshot nothing has been applied yet, but the state is that of the snapshot's index).
     */
    private long servedZxid() {
        return Math.max(machine.lastZxid(), Zxid.of(replica.appliedIndex(), 0));
    }

    /** Writes of moved sessions' earlier connections refused here as SESSIONMOVED (for tests and status). */
    public long fencedWrites() {
        return machine.fencedCommands();
    }

    /** Requests asked of the runtime again after its request timeout ({@link AskAgain}), since the start. */
    public long requestsAskedAgain() {
        return askedAgain.sum();
    }

    /** What the four-letter words and the admin endpoint report of this server's tree, sessions and watches. */
    public FactsSource facts() {
        return facts;
    }

    /** The connections this server holds (for tests and status). */
    public int connections() {
        return book.size();
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

}
