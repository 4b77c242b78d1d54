package io.voxgate.dsp.vad;

/**
 * How readily a {@link VoiceActivityDetector} calls a frame speech, from {@link #PERMISSIVE} (misses least, flags
 * the most noise) to {@link #VERY_AGGRESSIVE} (flags least noise, clips weak speech edges), numbered 0..3 like the
 * WebRTC VAD's modes.
 *
 * <p>A mode sets the speech-probability thresholds to start and to continue speech (hysteresis), how many
 * consecutive 10 ms hops above the start threshold confirm an onset, and how long the decision is held after the
 * probability falls (hangover; shorter after a short burst, so clicks are not stretched); mode 3 also discounts a
 * continuous speech-like background. Accuracy per mode is
 * measured in {@code docs/DSP.md}; {@link #AGGRESSIVE} is the telephony default.
 */
public enum VadMode
{
    /** Mode 0: lowest thresholds, longest hangover; for recording or when missing speech costs most. */
    PERMISSIVE(0, 0.4, 0.3, 1, 8, 2, false),
    /** Mode 1: balanced. */
    NORMAL(1, 0.5, 0.4, 1, 3, 1, false),
    /** Mode 2, the telephony default: the highest F1 on 8 kHz mu-law from 20 to 5 dB SNR, under 5 % false alarms. */
    AGGRESSIVE(2, 0.6, 0.5, 1, 2, 1, false),
    /**
     * Mode 3: highest thresholds, two-hop onset confirmation, shortest hangover, and background tracking that
     * discounts a continuous speech-like background (babble); fewest false alarms, for noisy rooms.
     */
    VERY_AGGRESSIVE(3, 0.75, 0.65, 2, 1, 0, true);

    /** Bursts shorter than this many 10 ms hops get the short hangover. */
    public static final int SHORT_BURST_HOPS = 5;

    private static final VadMode[] BY_LEVEL = values();

    private final int level;
    private final double threshold;
    private final double holdThreshold;
    private final int onsetHops;
    private final int hangoverHops;
    private final int shortBurstHangoverHops;
    private final boolean tracksBackground;

    VadMode(
        final int level,
        final double threshold,
        final double holdThreshold,
        final int onsetHops,
        final int hangoverHops,
        final int shortBurstHangoverHops,
        final boolean tracksBackground)
    {
        this.level = level;
        this.threshold = threshold;
        this.holdThreshold = holdThreshold;
        this.onsetHops = onsetHops;
        this.hangoverHops = hangoverHops;
        this.shortBurstHangoverHops = shortBurstHangoverHops;
        this.tracksBackground = tracksBackground;
    }

    /**
     * The mode with the given WebRTC-style number.
     *
     * @param level 0..3.
     * @return the mode.
     * @throws IllegalArgumentException if {@code level} is not 0..3.
     */
    public static VadMode ofLevel(final int level)
    {
        if (level < 0 || level >= BY_LEVEL.length)
        {
            throw new IllegalArgumentException("VAD mode must be 0..3: " + level);
        }
        return BY_LEVEL[level];
    }

    /**
     * @return the WebRTC-style number, 0..3.
     */
    public int level()
    {
        return level;
    }

    /**
     * @return speech probability at or above which a hop counts as speech.
     */
    public double threshold()
    {
        return threshold;
    }

    /**
     * @return speech probability at or above which a hop continues speech already declared (hysteresis).
     */
    public double holdThreshold()
    {
        return holdThreshold;
    }

    /**
     * @return consecutive 10 ms hops above the threshold that confirm an onset.
     */
    public int onsetHops()
    {
        return onsetHops;
    }

    /**
     * @return 10 ms hops the decision is held after a speech burst of at least {@link #SHORT_BURST_HOPS} hops.
     */
    public int hangoverHops()
    {
        return hangoverHops;
    }

    /**
     * @return true when the detector discounts a running lower quartile of its evidence (see
     * {@link VoiceActivityDetector}), which suppresses continuous speech-like backgrounds such as babble.
     */
    public boolean tracksBackground()
    {
        return tracksBackground;
    }

    /**
     * @return 10 ms hops the decision is held after a shorter burst.
     */
    public int shortBurstHangoverHops()
    {
        return shortBurstHangoverHops;
    }

}
