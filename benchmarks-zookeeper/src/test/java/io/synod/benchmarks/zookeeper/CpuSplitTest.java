package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSplitTest {

    @Test
    void parsesServersThenDriverAndLeadsServerCommandsWithTaskset() {
        CpuSplit split = CpuSplit.parse("1-3/0");
        assertEquals(List.of("taskset", "-c", "1-3"), split.launcher());
        assertEquals("0", split.driverCpus());
        assertTrue(split.isSplit());
    }

    @Test
    void unsplitAddsNothingToACommand() {
        assertEquals(List.of(), CpuSplit.NONE.launcher());
        assertFalse(CpuSplit.NONE.isSplit());
        CpuSplit.NONE.pinThisProcess();
    }

    @Test
    void refusesWhatIsNotTwoProcessorLists() {
        for (String bad : new String[] {"1", "1/0/2", "a/0", "1/", "/0", "1;rm/0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSplit.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
