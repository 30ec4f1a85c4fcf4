package io.synod.examples.node;

/**
 * One request line of the client protocol, parsed. A line is a word, its arguments separated by
 * single spaces; keys hold no whitespace, a value is the rest of the line.
 *
 * <pre>
 *  PUT &lt;key&gt; &lt;value&gt;   write; answers OK &lt;previous value&gt;
 *  DELETE &lt;key&gt;        delete; answers OK &lt;previous value&gt;
 *  GET &lt;key&gt;           linearizable read; answers OK &lt;value&gt; (empty when absent)
 *  LOCAL-GET &lt;key&gt;     this replica's applied state, which may lag; OK &lt;value&gt;
 *  DIGEST              OK &lt;index of the last command applied&gt; &lt;SHA-256 of the state&gt;
 *  STATUS              OK node=.. state=.. role=.. leader=.. term=.. commit=.. applied=..
 *  BLOCK &lt;peer&gt;        drop all traffic to and from a peer (admin only); OK
 *  UNBLOCK &lt;peer&gt;      let it through again (admin only); OK
 * </pre>
 */
sealed interface ClientCommand {

    record Put(String key, String value) implements ClientCommand {
    }

    record Delete(String key) implements ClientCommand {
    }

    record Get(String key) implements ClientCommand {
    }

    record LocalGet(String key) implements ClientCommand {
    }

    record Digest() implements ClientCommand {
    }

    record Status() implements ClientCommand {
    }

    record Block(int peer) implements ClientCommand {
    }

    record Unblock(int peer) implements ClientCommand {
    }

    /** A line that is no request; its message says what is wrong. */
    final class BadRequestException extends IllegalArgumentException {
        BadRequestException(String message) {
            super(message);
        }
    }

    /**
     * @throws BadRequestException naming what is wrong with the line
     */
    static ClientCommand parse(String line) {
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        return switch (word) {
            case "PUT" -> {
                int gap = rest.indexOf(' ');
                if (gap < 0) {
                    throw new BadRequestException("PUT needs a key and a value: PUT <key> <value>");
                }
                yield new Put(key(rest.substring(0, gap)), rest.substring(gap + 1));
            }
            case "DELETE" -> new Delete(key(rest));
            case "GET" -> new Get(key(rest));
            case "LOCAL-GET" -> new LocalGet(key(rest));
            case "DIGEST" -> new Digest();
            case "STATUS" -> new Status();
            case "BLOCK" -> new Block(peer(rest));
            case "UNBLOCK" -> new Unblock(peer(rest));
            default -> throw new BadRequestException("unknown request '" + word
                + "'; one of PUT, DELETE, GET, LOCAL-GET, DIGEST, STATUS, BLOCK, UNBLOCK");
        };
    }

    private static String key(String text) {
        if (text.isEmpty()) {
            throw new BadRequestException("a key is needed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new BadRequestException("a key holds no whitespace: '" + text + "'");
            }
        }
        return text;
    }

    private static int peer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + text + "' is not a node id");
        }
    }
}
