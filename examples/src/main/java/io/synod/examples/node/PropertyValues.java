package io.synod.examples.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One key's value of a kind (a whole number in a range, a flag, a path, a {@code host:port}), read from a
 * properties object; a value that is not of its kind is a {@link NodeConfigException} naming the key.
 *
 * <p>Apart from {@link NodeConfigReading} so that the reading states the node's rules (which key, which range,
 * which default) and this class the one way a value is parsed and refused. Values are stripped of surrounding
 * blanks, except through {@link #raw}: what was given, for a presence check or a password.
 */
final class PropertyValues {

    private final Properties properties;
    private final Path base;

    /** Relative paths are resolved against {@code base} (none if null). */
    PropertyValues(Properties properties, Path base) {
        this.properties = properties;
        this.base = base;
    }

    /** Every key given, in order. */
    SortedSet<String> names() {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    /** The value as given, or null. */
    String raw(String key) {
        return properties.getProperty(key);
    }

    String value(String key) {
        String v = properties.getProperty(key);
        return v == null ? null : v.strip();
    }

    String required(String key) {
        String v = value(key);
        if (v == null || v.isEmpty()) {
            throw new NodeConfigException(key, "is required");
        }
        return v;
    }

    long number(String key, Long fallback, long min, long max) {
        String v = value(key);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new NodeConfigException(key, "is required (a whole number in " + min + ".." + max + ")");
            }
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new NodeConfigException(key, "'" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new NodeConfigException(key, n + " is outside " + min + ".." + max);
        }
        return n;
    }

    boolean flag(String key, boolean fallback) {
        String v = value(key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new NodeConfigException(key, "'" + v + "' is neither true nor false");
        }
        return Boolean.parseBoolean(v);
    }

    Path path(String key, String fallback) {
        String v = value(key);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new NodeConfigException(key, "is required (a path)");
            }
            v = fallback;
        }
        Path path = Path.of(v);
        return (path.isAbsolute() || base == null ? path : base.resolve(path)).normalize();
    }

    static InetSocketAddress address(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new NodeConfigException(key, "'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new NodeConfigException(key, "port '" + text.substring(colon + 1) + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new NodeConfigException(key, "port " + port + " is outside 1..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new NodeConfigException(key, "host '" + host + "' cannot be resolved");
        }
    }
}
