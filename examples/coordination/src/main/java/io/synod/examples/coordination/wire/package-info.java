/**
 * ZooKeeper's client protocol (3.9) in Jute's binary encoding: the records a client sends and expects,
 * decoded from and encoded to frames.
 *
 * <h2>Frames</h2>
 * Each direction is a stream of frames, a 4-byte big-endian length then that many bytes:
 * <pre>
 *   client: [len][ConnectRequest]            [len][RequestHeader xid,type][request body] ...
 *   server: [len][ConnectResponse]           [len][ReplyHeader xid,zxid,err][reply body, only if err == 0] ...
 *                                            [len][ReplyHeader -1,zxid,0][WatcherEvent]   (notifications)
 * </pre>
 * A record is its fields in order, with no tags: ints and longs big-endian, a boolean one byte, buffers
 * and strings a length then bytes, vectors a count then elements, -1 for null.
 *
 * <h2>Reading untrusted bytes</h2>
 * {@link io.synod.examples.coordination.wire.JuteReader} checks every length and count against the bytes
 * left in the frame before it allocates, and {@link io.synod.examples.coordination.wire.RequestDecoder}
 * requires a frame to hold exactly one record. A bad frame is a
 * {@link io.synod.examples.coordination.wire.MalformedFrameException} naming field and offset, and never
 * anything else; the server closes that connection only.
 *
 * <h2>Records</h2>
 * One Java record per wire shape. Where ZooKeeper defines several records with identical fields they
 * share one here, and the {@link io.synod.examples.coordination.wire.OpCode} tells them apart:
 * {@link io.synod.examples.coordination.wire.WatchableRequest} (exists, getData, getChildren,
 * getChildren2), {@link io.synod.examples.coordination.wire.PathRequest} (getACL, sync,
 * getAllChildrenNumber, getEphemerals), {@link io.synod.examples.coordination.wire.StatResponse}
 * (exists, setData, setACL). Stat, Id and ACL are the tree's and ACL package's own value types, encoded by
 * {@link io.synod.examples.coordination.wire.DataRecords}.
 *
 * <pre>{@code
 * ClientRequest request = RequestDecoder.decode(payload, 0, payload.length);
 * if (request.request() instanceof WatchableRequest get && get.op() == OpCode.GET_DATA) {
 *     byte[] frame = ReplyFrames.reply(new ReplyHeader(request.xid(), zxid, 0),
 *         new GetDataResponse(data, stat));
 * }
 * }</pre>
 *
 * Strings are written as ZooKeeper's Java writer does (each UTF-16 char on its own, so a character
 * outside the Basic Multilingual Plane becomes two 3-byte surrogates) and read as standard UTF-8, like
 * ZooKeeper's reader: identical bytes, identical quirks.
 */
package io.synod.examples.coordination.wire;
