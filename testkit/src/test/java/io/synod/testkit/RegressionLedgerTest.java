package io.synod.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionLedgerTest {

    private static List<Long> parse(String text, String key) throws Exception {
        return RegressionLedger.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), key);
    }

    @Test
    void readsTheSeedsOfOneTestSkippingComments() throws Exception {
        String ledger = "# header\n\nA#m 17  # lost an ack\nB#m 3\nA#m 99\n";
        assertEquals(List.of(17L, 99L), parse(ledger, "A#m"));
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("A#m 1\nA#m x\n", "A#m"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void theModulesLedgerIsReplayed() {
        assertEquals(List.of(1L), RegressionLedger.seeds(SeedExtensionTest.class, "runsOnceForEachSeed"));
        assertTrue(SeedRunner.seeds(3, Repro.of(SeedExtensionTest.class, "runsOnceForEachSeed")).get(0) == 1L);
    }
}
