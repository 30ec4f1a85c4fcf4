package io.synod.examples.coordination.server;

import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.CreateRequest;
import io.synod.examples.coordination.wire.CreateResponse;
import io.synod.examples.coordination.wire.GetDataResponse;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.WatchableRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the service: opens every session, answers getData of any path with "hello", creates
 * at once except under {@code /slow} (held until the test releases them), closes sessions, and records
 * what it saw.
 */
final class ScriptedHandler implements RequestHandler {

    static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    static final Stat STAT = new Stat(3, 4, 1_700_000_000_000L, 1_700_000_000_001L, 1, 0, 0, 0, HELLO.length, 0, 3);
    static final long ZXID = 7;

    private final AtomicLong sessions = new AtomicLong(0x100);
    final AtomicInteger pings = new AtomicInteger();
    final Map<Long, ClientConnection> bySession = new ConcurrentHashMap<>();
    final Map<String, PendingReply> held = new ConcurrentHashMap<>();
    final List<String> watchedPaths = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void connect(ClientConnection connection, ConnectRequest request) {
        long session = request.sessionId() != 0 ? request.sessionId() : sessions.incrementAndGet();
        connection.attach(session);
        bySession.put(session, connection);
        connection.establish(new ConnectResponse(0, request.timeOut(), session, new byte[16], false, request.oldClient()));
    }

    @Override
    public void request(ClientConnection connection, ClientRequest request, PendingReply reply) {
        requests.add(request);
        OpCode op = request.request().op();
        if (request.request() instanceof WatchableRequest get && op == OpCode.GET_DATA) {
            if (get.watch()) {
                watchedPaths.add(get.path());
            }
            reply.complete(ZXID, new GetDataResponse(HELLO, STAT));
        } else if (request.request() instanceof CreateRequest create) {
            if (create.path().startsWith("/slow")) {
                held.put(create.path(), reply);
            } else {
                reply.complete(ZXID, new CreateResponse(create.path()));
            }
        } else if (op == OpCode.CLOSE_SESSION) {
            reply.complete(ZXID, Response.EMPTY);
            connection.closeWhenAnswered("session closed");
        } else {
            reply.fail(ZXID, ErrorCode.NO_NODE);
        }
    }

    @Override
    public long ping(ClientConnection connection) {
        pings.incrementAndGet();
        return ZXID;
    }

    @Override
    public void disconnected(ClientConnection connection, String reason) {
        disconnects.add(connection.id() + ": " + reason);
    }

    ClientConnection connectionOf(long session) {
        return bySession.get(session);
    }
}
