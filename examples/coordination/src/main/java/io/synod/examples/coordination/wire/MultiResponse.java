package io.synod.examples.coordination.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The reply to multi (14) and multiRead (22): one {@link MultiResult} per op, in request order, each
 * after a {@link MultiHeader}, then {@link MultiHeader#END}. The reply header's error stays 0 even when
 * an op failed.
 */
public record MultiResponse(List<MultiResult> results) implements Response {

    public MultiResponse {
        results = List.copyOf(results);
    }

    @Override
    public void write(JuteWriter out) {
        for (MultiResult result : results) {
            result.write(out);
        }
        MultiHeader.END.write(out);
    }

    public static MultiResponse read(JuteReader in) {
        List<MultiResult> results = new ArrayList<>();
        while (true) {
            int at = in.offset();
            MultiHeader header = MultiHeader.read(in);
            if (header.done()) {
                return new MultiResponse(results);
            }
            results.add(MultiResult.read(in, at, header));
        }
    }
}
