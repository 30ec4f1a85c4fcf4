package io.synod.examples.coordination.acl;

/**
 * The {@code ip} scheme: an ACL id is an IPv4 or IPv6 address, optionally with a prefix length
 * ({@code 10.0.0.0/8}); a client's id is its own address, which the server adds when the
 * connection is accepted. Parsing is literal only (never a name lookup), so that checking an ACL
 * does no I/O.
 */
public final class IpScheme {

    public static final String NAME = "ip";

    private IpScheme() {
    }

    /** An ACL id of this scheme is valid when its address parses and its prefix fits the address. */
    public static boolean isValid(String id) {
        String[] parts = id.split("/", 2);
        byte[] address = parse(parts[0]);
        if (address == null) {
            return false;
        }
        return parts.length == 1 || prefixBits(parts[1], address.length) >= 0;
    }

    /** Whether the client address {@code authenticated} falls within the ACL's address and prefix. */
    public static boolean matches(String authenticated, String aclId) {
        String[] parts = aclId.split("/", 2);
        byte[] acl = parse(parts[0]);
        byte[] client = parse(authenticated);
        if (acl == null || client == null || acl.length != client.length) {
            return false;
        }
        int bits = parts.length == 2 ? prefixBits(parts[1], acl.length) : acl.length * 8;
        if (bits < 0) {
            return false;
        }
        for (int i = 0; i < acl.length; i++) {
            int take = Math.min(8, Math.max(0, bits - i * 8));
            int mask = take == 0 ? 0 : (0xFF << (8 - take)) & 0xFF;
            if ((acl[i] & mask) != (client[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int prefixBits(String text, int addressBytes) {
        try {
            int bits = Integer.parseInt(text);
            return bits < 0 || bits > addressBytes * 8 ? -1 : bits;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The address bytes of a literal IPv4 or IPv6 address, or {@code null}. */
    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
    }

    private static byte[] parse4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = decimal(parts[i]);
            if (value < 0 || value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parse6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        int[] front = groups(head);
        int[] back = groups(tail);
        if (front == null || back == null) {
            return null;
        }
        int total = front.length + back.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < front.length; i++) {
            bytes[2 * i] = (byte) (front[i] >> 8);
            bytes[2 * i + 1] = (byte) front[i];
        }
        for (int i = 0; i < back.length; i++) {
            int at = 8 - back.length + i;
            bytes[2 * at] = (byte) (back[i] >> 8);
            bytes[2 * at + 1] = (byte) back[i];
        }
        return bytes;
    }

    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 4) {
                return null;
            }
            try {
                values[i] = Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return values;
    }

    private static int decimal(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
