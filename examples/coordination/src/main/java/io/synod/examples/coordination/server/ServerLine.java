package io.synod.examples.coordination.server;

import java.net.InetSocketAddress;

/**
 * One {@code server.N} line of zoo.cfg, in ZooKeeper 3.5's form
 * {@code host:peerPort[:electionPort][:participant|:observer][;[clientAddress:]clientPort]}
 * (an IPv6 host in brackets). Synod elects over the peer port, so the election port is read and
 * not used; the client part, when present, is where that server serves clients.
 *
 * @param id       N
 * @param peer     where the other servers reach this one
 * @param observer true for {@code :observer}: a member that learns the log and serves clients but never votes
 * @param client   the client address of the line's {@code ;} part, or {@code null}
 */
public record ServerLine(int id, InetSocketAddress peer, boolean observer, InetSocketAddress client) {

    /** @throws IllegalArgumentException naming the key and what is wrong with its value */
    public static ServerLine parse(String key, String value) {
        int id;
        try {
            id = Integer.parseInt(key.substring("server.".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": the id after 'server.' must be a number");
        }
        if (id <= 0) {
            throw new IllegalArgumentException(key + ": server ids start at 1");
        }
        String v = value.trim();
        String peerPart = v;
        InetSocketAddress client = null;
        int semi = v.indexOf(';');
        if (semi >= 0) {
            peerPart = v.substring(0, semi).trim();
            client = clientPart(key, v.substring(semi + 1).trim());
        }
        String host;
        String rest;
        if (peerPart.startsWith("[")) {
            int close = peerPart.indexOf(']');
            if (close < 0 || close + 1 >= peerPart.length() || peerPart.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(key + "=" + value + ": an IPv6 host goes in brackets, [host]:peerPort");
            }
            host = peerPart.substring(1, close);
            rest = peerPart.substring(close + 2);
        } else {
            int colon = peerPart.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(key + "=" + value + ": expected host:peerPort[:electionPort]"
                    + "[:participant|:observer][;[clientAddress:]clientPort]");
            }
            host = peerPart.substring(0, colon);
            rest = peerPart.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException(key + "=" + value + ": the host is missing");
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException(key + "=" + value + ": too many ':' parts");
        }
        int peerPort = port(key, parts[0]);
        if (parts.length >= 2) {
            port(key, parts[1]);
        }
        boolean observer = false;
        if (parts.length == 3) {
            String type = parts[2].trim().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("observer")) {
                observer = true;
            } else if (!type.equals("participant")) {
                throw new IllegalArgumentException(key + "=" + value + ": the type must be participant or observer, not '"
                    + parts[2].trim() + "'");
            }
        }
        return new ServerLine(id, InetSocketAddress.createUnresolved(host.trim(), peerPort), observer, client);
    }

    /** The peer address, resolved now (a name that does not resolve stays unresolved and fails when used). */
    public InetSocketAddress resolvedPeer() {
        return new InetSocketAddress(peer.getHostString(), peer.getPort());
    }

    private static InetSocketAddress clientPart(String key, String part) {
        int colon = part.lastIndexOf(':');
        if (colon < 0) {
            return InetSocketAddress.createUnresolved("0.0.0.0", port(key, part));
        }
        String host = part.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port(key, part.substring(colon + 1)));
    }

    static int port(String key, String v) {
        try {
            int port = Integer.parseInt(v.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v.trim() + "' is not a port");
        }
    }
}
