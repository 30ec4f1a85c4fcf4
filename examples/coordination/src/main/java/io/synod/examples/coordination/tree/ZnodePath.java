package io.synod.examples.coordination.tree;

/**
 * Znode paths, validated as ZooKeeper's {@code PathUtils} does: absolute, no trailing slash (but
 * the root), no empty segment, no {@code .} or {@code ..} segment, and none of the characters
 * ZooKeeper refuses (NUL, control characters, surrogates and the private-use range, U+FFF0..U+FFFF).
 */
public final class ZnodePath {

    public static final String ROOT = "/";

    private ZnodePath() {
    }

    /** Why {@code path} is not a valid znode path, or {@code null} if it is. */
    public static String invalidReason(String path) {
        if (path == null) {
            return "Path cannot be null";
        }
        if (path.isEmpty()) {
            return "Path length must be > 0";
        }
        if (path.charAt(0) != '/') {
            return "Path must start with / character";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "Path must not end with / character";
        }
        char last = '/';
        for (int i = 1; i < path.length(); last = path.charAt(i), i++) {
            char c = path.charAt(i);
            boolean segmentEnds = i + 1 == path.length() || path.charAt(i + 1) == '/';
            if (c == 0) {
                return "null character not allowed @" + i;
            } else if (c == '/' && last == '/') {
                return "empty node name specified @" + i;
            } else if (c == '.' && last == '.') {
                if (path.charAt(i - 2) == '/' && segmentEnds) {
                    return "relative paths not allowed @" + i;
                }
            } else if (c == '.') {
                if (last == '/' && segmentEnds) {
                    return "relative paths not allowed @" + i;
                }
            } else if (c > '\u0000' && c <= '\u001f' || c >= '\u007f' && c <= '\u009F'
                    || c >= '\ud800' && c <= '\uf8ff' || c >= '\ufff0') {
                return "invalid character @" + i;
            }
        }
        return null;
    }

    public static boolean isValid(String path) {
        return invalidReason(path) == null;
    }

    /** The parent of a valid non-root path ({@code "/"} for a child of the root). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : path.substring(0, slash);
    }

    /** The last segment of a valid non-root path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The path of a sequential node: {@code prefix} and the parent's counter in ten digits, as
     * ZooKeeper's {@code String.format("%010d", cversion)} writes it (a counter that overflowed
     * keeps its minus sign within the ten). Written out by hand: on a sequential create, the
     * formatter's parsing and locale lookup were a seventh of the replica thread's time.
     */
    public static String sequential(String prefix, int counter) {
        String digits = Integer.toString(counter);
        int width = 10 - digits.length();
        if (width <= 0) {
            return prefix + digits;
        }
        StringBuilder path = new StringBuilder(prefix.length() + 10).append(prefix);
        int start = 0;
        if (counter < 0) {
            path.append('-');
            start = 1;
        }
        for (int i = 0; i < width; i++) {
            path.append('0');
        }
        return path.append(digits, start, digits.length()).toString();
    }

    /** The path of child {@code name} of {@code parent}. */
    public static String child(String parent, String name) {
        return ROOT.equals(parent) ? "/" + name : parent + "/" + name;
    }
}
