package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;

import java.util.List;

/**
 * Which channel a message travels on, and which codec reads a channel: the transport's composite
 * codec. A message class is routed once and remembered. Thread-safe.
 */
final class ChannelTable {

    private final List<CodecChannel> channels;
    private final MessageCodec[] codecById = new MessageCodec[256];
    private final ClassValue<CodecChannel> routes = new ClassValue<>() {
        @Override
        protected CodecChannel computeValue(Class<?> type) {
            for (CodecChannel c : channels) {
                if (c.type().isAssignableFrom(type)) {
                    return c;
                }
            }
            return null;
        }
    };

    ChannelTable(List<CodecChannel> channels) {
        this.channels = List.copyOf(channels);
        for (CodecChannel c : channels) {
            codecById[c.id()] = c.codec();
        }
    }

    /**
     * The channel {@code message} travels on.
     *
     * @throws IllegalArgumentException if no channel carries its type
     */
    CodecChannel route(Message message) {
        CodecChannel c = routes.get(message.getClass());
        if (c == null) {
            throw new IllegalArgumentException("no channel carries " + message.getClass().getName()
                + "; channels carry " + channels.stream().map(ch -> ch.type().getName()).toList());
        }
        return c;
    }

    /** The codec of channel {@code id}, or null if there is no such channel. */
    MessageCodec codec(int id) {
        return id >= 0 && id < codecById.length ? codecById[id] : null;
    }
}
