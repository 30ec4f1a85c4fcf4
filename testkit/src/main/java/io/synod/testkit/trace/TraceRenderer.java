package io.synod.testkit.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a trace as a message sequence diagram: a self-contained HTML page holding one SVG, one
 * lifeline per node (and one for the clients), messages as arrows from send to delivery, lost
 * messages as arrows ending in a cross, crashes, restarts, partitions and commits marked.
 * Hovering over an arrow or a mark shows the full message. Time runs downwards, one row per
 * event, so that bursts stay readable.
 */
public final class TraceRenderer {

    private static final int ROW = 16;
    private static final int TOP = 60;
    private static final int CLIENTS_X = 70;
    private static final int FIRST_NODE_X = 230;
    private static final int NODE_GAP = 190;
    private static final int BAND_RIGHT = 4000;

    private TraceRenderer() {
    }

    /** Writes the diagram of {@code trace} to {@code file}; at most {@code maxRows} events are drawn. */
    public static void write(Trace trace, int nodes, String title, int maxRows, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, html(trace.events(), nodes, title, maxRows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sequence diagram to " + file, e);
        }
    }

    /** The diagram as a self-contained HTML page. */
    public static String html(List<TraceEvent> events, int nodes, String title, int maxRows) {
        int rows = Math.min(events.size(), maxRows);
        int width = FIRST_NODE_X + (nodes - 1) * NODE_GAP + 160;
        int height = TOP + rows * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
            .append("' font-family='monospace' font-size='10'>\n");
        svg.append("<defs><marker id='arrow' markerWidth='8' markerHeight='8' refX='7' refY='3' orient='auto'>")
            .append("<path d='M0,0 L7,3 L0,6 z' fill='#333'/></marker></defs>\n");
        lifeline(svg, CLIENTS_X, "clients", height);
        for (int n = 1; n <= nodes; n++) {
            lifeline(svg, x(n), "node " + n, height);
        }
        Map<Object, Map<Integer, Integer>> sendRows = new IdentityHashMap<>();
        Map<Integer, Integer> downSince = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            draw(svg, events.get(row), row, sendRows, downSince);
        }
        for (Map.Entry<Integer, Integer> down : downSince.entrySet()) {
            downBar(svg, down.getKey(), down.getValue(), rows);
        }
        if (events.size() > rows) {
            text(svg, 10, y(rows) + 20, "#a00", "… " + (events.size() - rows) + " more events not drawn (limit " + maxRows + ")");
        }
        svg.append("</svg>\n");
        return "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>" + xml(title) + "</title>"
            + "<style>body{font-family:sans-serif} svg text{white-space:pre}</style></head><body>\n<h3>" + xml(title)
            + "</h3>\n<p>Time runs downwards, one row per event; hover for details. Red crosses: lost messages; "
            + "red bars: a node is down; orange: partitions and clogs; green dots: commits.</p>\n" + svg + "</body></html>\n";
    }

    private static void draw(StringBuilder svg, TraceEvent e, int row, Map<Object, Map<Integer, Integer>> sendRows,
                             Map<Integer, Integer> downSince) {
        int y = y(row);
        String detail = Describe.value(e.detail());
        String ms = String.format("%.3fms ", e.time() / 1000.0);
        text(svg, 4, y + 3, "#999", String.format("%.1f", e.time() / 1000.0));
        switch (e.kind()) {
            case SEND -> {
                if (e.node() == 0) {
                    arrow(svg, CLIENTS_X, y, x(e.peer()), y, "#36c", false, detail, ms + detail);
                } else {
                    sendRows.computeIfAbsent(e.detail(), k -> new HashMap<>()).put(e.peer(), row);
                    dot(svg, x(e.node()), y, "#333", 2, ms + "send to " + e.peer() + ": " + detail);
                }
            }
            case DELIVER -> {
                int from = sendRow(sendRows, e, row);
                String label = e.detail() == null ? "" : e.detail().getClass().getSimpleName();
                arrow(svg, x(e.peer()), y(from), x(e.node()), y, "#333", false, label, ms + e.peer() + "→" + e.node() + " " + detail);
            }
            case DROP -> {
                if (e.sentAt() == e.time() && !detail.startsWith("receiver down")) {
                    mark(svg, x(e.peer()), y, "#c00", "✕ " + detail, ms + "lost " + e.peer() + "→" + e.node() + ": " + detail);
                } else {
                    int from = sendRow(sendRows, e, row);
                    arrow(svg, x(e.peer()), y(from), x(e.node()), y, "#c00", true, "✕", ms + "lost " + e.peer() + "→" + e.node() + ": " + detail);
                }
            }
            case DUPLICATE -> mark(svg, x(e.node()), y, "#c60", "dup→" + e.peer(), ms + "duplicated: " + detail);
            case CRASH -> {
                mark(svg, x(e.node()), y, "#c00", "✕ CRASH " + detail, ms + "crash: " + detail);
                downSince.put(e.node(), row);
            }
            case SUSPECT -> mark(svg, x(e.node()), y, "#c60", "? suspects " + e.peer(), ms + "suspects node " + e.peer() + ": " + detail);
            case RESTART -> {
                Integer since = downSince.remove(e.node());
                if (since != null) {
                    downBar(svg, e.node(), since, row);
                }
                mark(svg, x(e.node()), y, "#080", "↻ restart", ms + "restart from disk");
            }
            case PAUSE -> mark(svg, x(e.node()), y, "#c60", "⏸ PAUSE " + detail, ms + "pause: " + detail);
            case RESUME -> mark(svg, x(e.node()), y, "#080", "▶ resume " + detail, ms + "resume: " + detail);
            case DISK_FAULT -> {
                mark(svg, x(e.node()), y, "#c00", "✕ DISK " + detail, ms + "disk: " + detail);
                if (detail.startsWith("sync failed")) {
                    downSince.put(e.node(), row);
                }
            }
            case PARTITION, HEAL, CLOG, UNCLOG, QUIET, VIOLATION -> band(svg, y, e, ms + detail);
            case INVOKE -> text(svg, CLIENTS_X - 60, y + 3, "#36c", "c" + e.peer() + " " + clip(detail, 22), ms + "invoke " + detail);
            case RESPOND -> arrow(svg, x(e.node()), y, CLIENTS_X, y, "#36c", false, "c" + e.peer() + " ← " + clip(detail, 18),
                ms + "client " + e.peer() + " got " + detail);
            case INDETERMINATE -> text(svg, CLIENTS_X - 60, y + 3, "#c60", "c" + e.peer() + " gave up", ms + "indeterminate " + detail);
            case COMMIT -> dot(svg, x(e.node()), y, "#080", 4, ms + "node " + e.node() + " commits " + detail);
            case SNAPSHOT -> mark(svg, x(e.node()), y, "#660", "snapshot", ms + detail);
            default -> text(svg, 10, y, "#000", e.kind().label(), detail);
        }
    }

    private static int sendRow(Map<Object, Map<Integer, Integer>> sendRows, TraceEvent e, int row) {
        Map<Integer, Integer> byTo = sendRows.get(e.detail());
        Integer from = byTo == null ? null : byTo.get(e.node());
        return from == null ? row : from;
    }

    private static int x(int node) {
        return FIRST_NODE_X + (node - 1) * NODE_GAP;
    }

    private static int y(int row) {
        return TOP + row * ROW;
    }

    private static void lifeline(StringBuilder svg, int x, String name, int height) {
        svg.append("<text x='").append(x).append("' y='30' text-anchor='middle' font-size='13' font-weight='bold'>")
            .append(name).append("</text>\n<line x1='").append(x).append("' y1='40' x2='").append(x).append("' y2='")
            .append(height - 10).append("' stroke='#bbb' stroke-dasharray='4 3'/>\n");
    }

    private static void downBar(StringBuilder svg, int node, int fromRow, int toRow) {
        svg.append("<rect x='").append(x(node) - 3).append("' y='").append(y(fromRow)).append("' width='6' height='")
            .append(Math.max(ROW, (toRow - fromRow) * ROW)).append("' fill='#c00' opacity='0.35'/>\n");
    }

    private static void arrow(StringBuilder svg, int x1, int y1, int x2, int y2, String color, boolean lost, String label, String title) {
        if (x1 == x2) {
            svg.append("<g><title>").append(xml(title)).append("</title><path d='M").append(x1).append(',').append(y1)
                .append(" C").append(x1 + 40).append(',').append(y1).append(' ').append(x2 + 40).append(',').append(y2)
                .append(' ').append(x2).append(',').append(y2).append("' fill='none' stroke='").append(color)
                .append("' marker-end='url(#arrow)'/></g>\n");
            return;
        }
        svg.append("<g><title>").append(xml(title)).append("</title><line x1='").append(x1).append("' y1='").append(y1)
            .append("' x2='").append(x2).append("' y2='").append(y2).append("' stroke='").append(color)
            .append(lost ? "' stroke-dasharray='3 2'" : "' marker-end='url(#arrow)'").append("/>");
        svg.append("<text x='").append((x1 + x2) / 2).append("' y='").append((y1 + y2) / 2 - 2)
            .append("' text-anchor='middle' fill='").append(color).append("'>").append(xml(clip(label, 28))).append("</text></g>\n");
    }

    private static void dot(StringBuilder svg, int x, int y, String color, int r, String title) {
        svg.append("<circle cx='").append(x).append("' cy='").append(y).append("' r='").append(r).append("' fill='")
            .append(color).append("'><title>").append(xml(title)).append("</title></circle>\n");
    }

    private static void mark(StringBuilder svg, int x, int y, String color, String label, String title) {
        text(svg, x + 6, y + 3, color, clip(label, 40), title);
    }

    private static void band(StringBuilder svg, int y, TraceEvent e, String title) {
        String color = switch (e.kind()) {
            case HEAL, UNCLOG -> "#080";
            case QUIET -> "#36c";
            case VIOLATION -> "#c00";
            default -> "#c60";
        };
        svg.append("<g><title>").append(xml(title)).append("</title><line x1='").append(CLIENTS_X + 20).append("' y1='")
            .append(y).append("' x2='").append(BAND_RIGHT).append("' y2='").append(y)
            .append("' stroke='").append(color).append("' stroke-width='1' opacity='0.4'/></g>\n");
        text(svg, CLIENTS_X + 24, y - 2, color, e.kind().label() + " " + clip(Describe.value(e.detail()), 70), title);
    }

    private static void text(StringBuilder svg, int x, int y, String color, String s) {
        svg.append("<text x='").append(x).append("' y='").append(y).append("' fill='").append(color).append("'>")
            .append(xml(s)).append("</text>\n");
    }

    private static void text(StringBuilder svg, int x, int y, String color, String s, String title) {
        svg.append("<text x='").append(x).append("' y='").append(y).append("' fill='").append(color).append("'><title>")
            .append(xml(title)).append("</title>").append(xml(s)).append("</text>\n");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
