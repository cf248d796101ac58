package org.asfcast.bench;

/**
 * Which of a {@link LoadGenerator}'s players are broadcast players and which play files on demand,
 * when one generator drives both: the two kinds are interleaved in proportion (as a line is drawn
 * on a grid), so a ramp opens both at their share of the rate from its first second to its last,
 * instead of all of one kind first.
 *
 * @param broadcast how many broadcast players
 * @param onDemand  how many on-demand players
 */
record PlayerMix(int broadcast, int onDemand) {

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException when one is negative or both are 0
     */
    PlayerMix {
        if (broadcast < 0 || onDemand < 0 || (long) broadcast + onDemand == 0 || (long) broadcast + onDemand > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("there must be some players, and neither count negative (" + broadcast
                    + " broadcast, " + onDemand + " on demand)");
        }
    }

    /** All players. */
    int total() {
        return broadcast + onDemand;
    }

    /** Whether player {@code i} (0 to {@link #total()} - 1) plays on demand. */
    boolean isOnDemand(int i) {
        return onDemandBefore(i + 1) > onDemandBefore(i);
    }

    /** Player {@code i}'s number among the players of its own kind (0, 1, 2, ...). */
    int ordinal(int i) {
        int before = onDemandBefore(i);
        return isOnDemand(i) ? before : i - before;
    }

    /** How many of players 0 to {@code i} - 1 play on demand. */
    private int onDemandBefore(int i) {
        return (int) ((long) i * onDemand / total());
    }
}
