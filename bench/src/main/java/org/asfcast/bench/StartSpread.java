package org.asfcast.bench;

/**
 * Where each on-demand player of a {@link LoadGenerator} starts in its file: player {@code k} asks
 * for {@code frac(k × φ) × spread}, φ the golden ratio. The fractional parts of multiples of φ
 * fill an interval more evenly than random draws do (every prefix of them is spread out, with no
 * clumps), so any number of players, and any ramp's first few of them, sit at different positions.
 *
 * @param seconds how far into the file starts are spread; 0 starts every player at the beginning
 */
record StartSpread(double seconds) {

    /** 1/φ = φ - 1: frac(k × φ) = frac(k × (φ - 1)). */
    private static final double GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

    /**
     * Checks the spread.
     *
     * @throws IllegalArgumentException when it is negative or not a number
     */
    StartSpread {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the start spread must be 0 or more seconds, not " + seconds);
        }
    }

    /** The start of player {@code k} (0, 1, 2, ...), in media milliseconds, in {@code [0, seconds × 1000)}. */
    long millis(int k) {
        double fraction = (k * GOLDEN_FRACTION) % 1.0;
        return (long) Math.floor(fraction * seconds * 1000);
    }
}
