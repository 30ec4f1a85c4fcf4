package io.synod.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A replica's own digest report is proposed again until the log orders it, and given up once its digest is gone. */
class OwnDigestReportsTest {

    @Test
    void anUnorderedReportIsProposedAgainEveryRetryPeriodUntilOrdered() {
        OwnDigestReports reports = new OwnDigestReports(10);
        List<Long> proposed = new ArrayList<>();
        reports.proposed(8, 100);
        reports.retry(109, i -> true, proposed::add);
        assertEquals(List.of(), proposed, "not yet due");
        reports.retry(110, i -> true, proposed::add);
        assertEquals(List.of(8L), proposed);
        reports.retry(115, i -> true, proposed::add);
        assertEquals(List.of(8L), proposed, "the period starts again at the re-proposal");
        reports.ordered(8);
        reports.retry(200, i -> true, proposed::add);
        assertEquals(List.of(8L), proposed, "ordered: never again");
    }

    @Test
    void aReportWhoseDigestIsNoLongerKeptIsGivenUp() {
        OwnDigestReports reports = new OwnDigestReports(10);
        List<Long> proposed = new ArrayList<>();
        reports.proposed(8, 0);
        reports.retry(50, i -> false, proposed::add);
        reports.retry(100, i -> true, proposed::add);
        assertEquals(List.of(), proposed);
    }
}
