package io.synod.examples.coordination.wire;

/**
 * The body of a reply, after its {@link ReplyHeader}. Sent only when the header's error is 0: an error
 * reply is the header alone, and clients read no body then.
 */
public interface Response extends JuteRecord {

    /** The body of replies that carry none (delete, setWatches, checkWatches, removeWatches, ping, close, auth). */
    Response EMPTY = new Response() {
        @Override
        public void write(JuteWriter out) {
        }

        @Override
        public String toString() {
            return "(no body)";
        }
    };
}
