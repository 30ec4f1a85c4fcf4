package io.synod.spi;

/**
 * Time, for the runtime only: it turns elapsed time into protocol ticks. Protocol cores never
 * see a clock. Tests use a clock they move by hand.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Clock system() {
        return System::nanoTime;
    }
}
