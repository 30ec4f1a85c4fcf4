package io.synod.api;

/**
 * A message together with its sender and its addressee, as it travels between replicas.
 *
 * @param from    the node that sent it
 * @param to      the node it is for (may equal {@code from}: a node's roles talk to each other
 *                through the transport, so that persist-before-send holds for them too)
 * @param message the protocol message
 */
public record Envelope(int from, int to, Message message) {
}
