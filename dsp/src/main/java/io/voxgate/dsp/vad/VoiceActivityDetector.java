package io.voxgate.dsp.vad;

import org.agrona.DirectBuffer;

/**
 * Voice-activity detector for one PCM16 stream at 8 or 16 kHz in frames of 10, 20 or 30 ms: per frame a speech
 * probability and a speech/non-speech decision.
 *
 * <h2>Algorithm</h2>
 * The detector works in 10 ms hops; a 20 or 30 ms frame is two or three hops, its probability the highest of its
 * hops' and its decision true when any hop's decision is. Per hop:
 * <ol>
 *   <li><b>Spectrum</b> ({@link BandSpectrum}): 16 kHz input is first halved by a 31-tap half-band FIR
 *   ({@link HalfBandDecimator}); the last 16 ms at 8 kHz (128 samples) are Hann-windowed and transformed by a real
 *   FFT with precomputed twiddles; the 62.5 Hz bins from 125 Hz to 3.94 kHz are summed into 15 bands, narrow where
 *   voiced harmonics and hum sit, wider towards 4 kHz. Both rates use the same bins (the telephone band), so one
 *   tuning serves telephony and wideband.</li>
 *   <li><b>Noise floor per band</b> ({@link NoiseFloorTracker}): a speech-presence-probability weighted recursive
 *   average (Gerkmann and Hendriks 2012) that keeps tracking through speech without a voice decision and is
 *   unbiased for stationary noise; a band's presence is never below {@code 1 / (1 + exp(-20 (m - 0.1)))}, where
 *   {@code m} is the mean evidence over all bands (step 3), so vowels do not leak into the floor at low SNR. The
 *   mean over all bands, not the top-three statistic, drives this: three bands whose floor happens to be
 *   underestimated would otherwise hold the presence high, freeze the floor and lock in false alarms (measured:
 *   up to 7 % of frames in pure white noise, against under 0.5 % with the mean). A minimum-statistics bound
 *   (the smoothed band energy's minimum over the last 1 to 1.5 s, bias-compensated) keeps the floor from lagging
 *   when the noise steps up: the detector returns to silence about 1.5 s after a +10 dB step. Stationary coloured
 *   noise and mains hum (its harmonics sit in narrow low bands) then cost nothing: each band is judged against its
 *   own floor, where the WebRTC VAD compares absolute log energies with Gaussian noise models adapted by its own
 *   decisions.</li>
 *   <li><b>Evidence</b> ({@link SpeechLikelihood}): band energies smoothed over about 35 ms, their positive log a
 *   posteriori SNR less a 0.2 nat margin, averaged over the three strongest bands. Hops quieter than
 *   {@value #SILENCE_GATE_DBFS} dBFS carry no evidence.</li>
 *   <li><b>Smoothing</b>: a two-state hidden Markov model turns the evidence {@code e} into a speech probability,
 *   in the log domain: {@code s = 10 (e - 0.45) + ln((a01 + a11 exp(s')) / (a00 + a10 exp(s')))},
 *   {@code p = 1 / (1 + exp(-s))}, with {@code s'} the previous hop's value and {@code a01 = 0.2}, {@code a10 = 0.1}
 *   the per-hop probabilities of leaving silence and speech. A speech hop raises the odds of the next (by up to
 *   e^2.2); a hop after a long silence needs stronger evidence (e^-1.4).</li>
 *   <li><b>Background</b> (mode 3 only): a running lower quartile of the evidence (a stochastic quantile tracker:
 *   +0.001 per hop when the evidence is above it, -0.003 when below) is subtracted from the evidence before the
 *   HMM. In steady noise it stays near zero; in babble, which never pauses and always carries some speech-like
 *   evidence, it rises to the crowd's level, so only a talker above the crowd counts (babble at 10 dB: false
 *   alarms 75 % to 35 %), at the cost of about 5 points of recall in long continuous speech.</li>
 *   <li><b>Decision</b> ({@link VadMode}): hysteresis on {@code p} (a higher threshold to start speech than to
 *   continue it), the mode's onset confirmation (consecutive hops above the start threshold) and a short hangover
 *   (10 to 80 ms; the 35 ms energy smoothing already holds speech through short dips), shorter after bursts of
 *   fewer than {@value VadMode#SHORT_BURST_HOPS} hops.</li>
 * </ol>
 * Every constant above was chosen on the evaluation corpus described in {@code docs/DSP.md} (synthetic speech, white,
 * pink, hum and babble noise, 8 kHz mu-law and 16 kHz PCM); the accuracy per condition is in that file.
 *
 * <p>Cost per 10 ms hop: at 16 kHz a 720-multiply decimation, then one 128-point real FFT, 15 logarithms,
 * 16 exponentials and a few hundred multiplies (about 1.3 microseconds on a loaded shared core).
 *
 * <h2>Use</h2>
 * One instance per stream: it holds the stream's noise estimate and history, allocated at construction. The
 * {@code process} methods allocate nothing. Not thread-safe: the thread that owns the stream calls it. A new stream
 * starts with {@value NoiseFloorTracker#WARM_UP_HOPS} hops (80 ms) taken as noise, which is how calls begin.
 */
public final class VoiceActivityDetector
{
    /** Hops quieter than this are never speech: below any talker, above codec idle noise. */
    public static final double SILENCE_GATE_DBFS = -65.0;

    private static final double SILENCE_GATE = Math.pow(10.0, SILENCE_GATE_DBFS / 10.0);
    private static final double EVIDENCE_SCALE = 10.0;
    private static final double EVIDENCE_BIAS = 0.45;
    private static final double A01 = 0.2;
    private static final double A00 = 1.0 - A01;
    private static final double A10 = 0.1;
    private static final double A11 = 1.0 - A10;
    private static final double LOG_ODDS_LIMIT = 20.0;
    private static final double PRESENCE_SLOPE = 20.0;
    private static final double PRESENCE_MIDPOINT = 0.1;
    private static final double BACKGROUND_UP = 0.001;
    private static final double BACKGROUND_DOWN = 0.003;

    private final int sampleRate;
    private final int frameMillis;
    private final int hopsPerFrame;
    private final int hop;
    private final VadMode mode;
    private final BandSpectrum spectrum;
    private final NoiseFloorTracker noise = new NoiseFloorTracker();
    private final SpeechLikelihood likelihood = new SpeechLikelihood();

    private double logOdds = -LOG_ODDS_LIMIT;
    private double background;

    private double hopProbability;
    private boolean hopSpeech;
    private int runAbove;
    private int burstHops;
    private int hangoverLeft;
    private double frameProbability;
    private boolean frameSpeech;
    private long frames;

    /**
     * Creates a detector for one stream.
     *
     * @param sampleRate  8000 or 16000.
     * @param frameMillis 10, 20 or 30.
     * @param mode        how readily speech is declared.
     * @throws IllegalArgumentException on any other rate or frame length.
     */
    public VoiceActivityDetector(final int sampleRate, final int frameMillis, final VadMode mode)
    {
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 30)
        {
            throw new IllegalArgumentException("frame length must be 10, 20 or 30 ms: " + frameMillis);
        }
        if (mode == null)
        {
            throw new IllegalArgumentException("mode must not be null");
        }
        this.spectrum = new BandSpectrum(sampleRate);
        this.sampleRate = sampleRate;
        this.frameMillis = frameMillis;
        this.hopsPerFrame = frameMillis / 10;
        this.hop = spectrum.hop();
        this.mode = mode;
    }

    /**
     * @return the sample rate this detector was built for.
     */
    public int sampleRate()
    {
        return sampleRate;
    }

    /**
     * @return the frame length in milliseconds.
     */
    public int frameMillis()
    {
        return frameMillis;
    }

    /**
     * @return PCM16 samples per frame (80 to 480).
     */
    public int samplesPerFrame()
    {
        return hop * hopsPerFrame;
    }

    /**
     * @return the mode.
     */
    public VadMode mode()
    {
        return mode;
    }

    /**
     * Analyses the next frame of the stream.
     *
     * @param pcm    PCM16 samples.
     * @param offset index of the frame's first sample; {@link #samplesPerFrame()} samples are read.
     * @return true when the frame is speech.
     * @throws IndexOutOfBoundsException if the frame does not fit in {@code pcm}.
     */
    public boolean process(final short[] pcm, final int offset)
    {
        if (offset < 0 || offset > pcm.length - samplesPerFrame())
        {
            throw new IndexOutOfBoundsException("frame of " + samplesPerFrame() + " samples at " + offset +
                " does not fit in " + pcm.length);
        }
        beginFrame();
        for (int h = 0; h < hopsPerFrame; h++)
        {
            spectrum.push(pcm, offset + h * hop);
            onHop();
        }
        return frameSpeech;
    }

    /**
     * Analyses the next frame of the stream from little-endian PCM16 bytes.
     *
     * @param buffer holds the frame.
     * @param offset byte offset of the frame; {@code 2 * samplesPerFrame()} bytes are read.
     * @return true when the frame is speech.
     * @throws IndexOutOfBoundsException if the frame does not fit in {@code buffer}.
     */
    public boolean process(final DirectBuffer buffer, final int offset)
    {
        buffer.boundsCheck(offset, 2 * samplesPerFrame());
        beginFrame();
        for (int h = 0; h < hopsPerFrame; h++)
        {
            spectrum.push(buffer, offset + 2 * h * hop);
            onHop();
        }
        return frameSpeech;
    }

    /**
     * @return the last frame's decision.
     */
    public boolean isSpeech()
    {
        return frameSpeech;
    }

    /**
     * @return the last frame's speech probability, 0..1 (before onset confirmation and hangover).
     */
    public double speechProbability()
    {
        return frameProbability;
    }

    /**
     * @return frames processed since construction or {@link #reset()}.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Returns to the state of a new detector (for reuse on a new stream).
     */
    public void reset()
    {
        spectrum.reset();
        noise.reset();
        likelihood.reset();
        logOdds = -LOG_ODDS_LIMIT;
        background = 0.0;
        hopProbability = 0.0;
        hopSpeech = false;
        runAbove = 0;
        burstHops = 0;
        hangoverLeft = 0;
        frameProbability = 0.0;
        frameSpeech = false;
        frames = 0;
    }

    private void beginFrame()
    {
        frames++;
        frameProbability = 0.0;
        frameSpeech = false;
    }

    private void onHop()
    {
        likelihood.update(spectrum, noise);
        final boolean scored = noise.warmedUp() && spectrum.hopPower() >= SILENCE_GATE;
        final double evidence = scored ? likelihood.evidence() : 0.0;
        final double spread = scored ? likelihood.meanEvidence() : 0.0;
        noise.update(spectrum, 1.0 / (1.0 + Math.exp(-PRESENCE_SLOPE * (spread - PRESENCE_MIDPOINT))));

        if (scored && mode.tracksBackground())
        {
            background = Math.max(0.0, background + (evidence > background ? BACKGROUND_UP : -BACKGROUND_DOWN));
        }
        final double previous = Math.exp(logOdds);
        final double prior = Math.log((A01 + A11 * previous) / (A00 + A10 * previous));
        final double next = EVIDENCE_SCALE * (evidence - background - EVIDENCE_BIAS) + prior;
        logOdds = Math.max(-LOG_ODDS_LIMIT, Math.min(LOG_ODDS_LIMIT, next));
        hopProbability = 1.0 / (1.0 + Math.exp(-logOdds));

        decide(hopProbability >= (hopSpeech ? mode.holdThreshold() : mode.threshold()));
        frameProbability = Math.max(frameProbability, hopProbability);
        frameSpeech |= hopSpeech;
    }

    private void decide(final boolean above)
    {
        final VadMode mode = this.mode;
        if (above)
        {
            runAbove++;
            if (hopSpeech)
            {
                burstHops++;
            }
            else if (runAbove >= mode.onsetHops())
            {
                hopSpeech = true;
                burstHops = runAbove;
            }
            if (hopSpeech)
            {
                hangoverLeft = burstHops >= VadMode.SHORT_BURST_HOPS ?
                    mode.hangoverHops() : mode.shortBurstHangoverHops();
            }
        }
        else
        {
            runAbove = 0;
            if (hopSpeech)
            {
                if (hangoverLeft > 0)
                {
                    hangoverLeft--;
                }
                else
                {
                    hopSpeech = false;
                    burstHops = 0;
                }
            }
        }
    }
}
