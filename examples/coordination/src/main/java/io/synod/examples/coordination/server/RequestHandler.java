package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;

/**
 * What the service implements to serve the clients of a {@link ClientPort}: the port owns sockets,
 * framing, decoding and reply order; the handler owns sessions, the tree and watches.
 *
 * <h2>Threading</h2>
 * Every method is called on the port's one I/O thread, so it must not block: hand the work to the
 * replica (or another thread) and answer later. The answers — {@link ClientConnection#establish},
 * {@link PendingReply#complete}, {@link ClientConnection#sendEvent}, {@link ClientConnection#close} —
 * may be given from any thread. They reach the connection in the order they were given, so a thread that
 * pushes a watch event and then completes a reply puts the event on the wire first.
 *
 * <h2>Order</h2>
 * Replies leave in request order whatever order they are completed in; watch events are written when
 * pushed, ahead of replies still pending (as ZooKeeper does). The port orders bytes only: to give
 * ZooKeeper's FIFO client order (a read sees the session's earlier writes), the handler must compute a
 * read after the session's earlier writes are applied.
 */
public interface RequestHandler {

    /**
     * A new connection's handshake. Answer with {@link ClientConnection#establish} (the session is
     * open), {@link ClientConnection#refuse} (expired or wrong password) or {@link ClientConnection#close}
     * (no reply: e.g. the client has seen a newer zxid than this server). The port reads nothing more from
     * the connection until then.
     */
    void connect(ClientConnection connection, ConnectRequest request);

    /**
     * A request after the handshake (pings and unsupported ops excepted, which the port answers). Answer
     * through {@code reply}, exactly once.
     */
    void request(ClientConnection connection, ClientRequest request, PendingReply reply);

    /**
     * A ping arrived: the session is alive. Returns the zxid for the ping's reply (the last this server
     * applied); the port answers the ping in order.
     */
    long ping(ClientConnection connection);

    /** The connection is closed, by either side or for bad input; called once, with why. */
    void disconnected(ClientConnection connection, String reason);

    /**
     * The first four bytes of a new connection, as a big-endian int, before they are taken as a frame length:
     * ZooKeeper's four-letter words ({@code ruok}, {@code mntr}...) arrive this way. Return true to take the
     * connection as a command: nothing more is read from it, and the handler answers with
     * {@link ClientConnection#answerCommand}, which sends the text and closes. The default takes none.
     */
    default boolean command(ClientConnection connection, int word) {
        return false;
    }
}
