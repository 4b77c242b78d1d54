package io.voxgate.dsp.resample;

import java.util.List;

/**
 * The design specification of the anti-aliasing/anti-imaging low-pass filter for one conversion
 * {@code fromHz -> toHz}: the rational ratio {@code upFactor/downFactor} (reduced by their gcd), the passband edge,
 * the stopband edge and the stopband attenuation the Kaiser design aims for.
 *
 * <p>The edges follow from the lower of the two rates ({@code low}); the stopband starts at {@code low - passband},
 * the lowest frequency whose alias (down-sampling) or image (up-sampling) lands inside the passband:
 * <pre>
 *   lower rate   passband edge   stopband edge   transition   why
 *    8000 Hz      3400 Hz         4600 Hz         1200 Hz     telephony band (G.711, ITU-T G.712 300-3400 Hz)
 *   16000 Hz      7000 Hz         9000 Hz         2000 Hz     wideband speech (G.722, 50-7000 Hz)
 *   24000 Hz     10000 Hz        14000 Hz         4000 Hz     TTS output; speech energy above 10 kHz is negligible
 * </pre>
 * A stopband that started exactly at the lower Nyquist frequency would need about twice the taps and more than the
 * 3 ms group-delay budget at 80 dB, so tones between {@code low/2} and {@code low - passband} are only partly
 * rejected: their aliases/images land in the transition band {@code [passband, low/2]}, above the band the
 * stream carries (see docs/DSP.md, "Resampler", for the measured values).
 *
 * <p>Immutable and thread-safe.
 *
 * @param fromHz         input sample rate.
 * @param toHz           output sample rate.
 * @param upFactor       L: the input is (conceptually) zero-stuffed by L.
 * @param downFactor     M: the filtered signal is (conceptually) decimated by M.
 * @param passbandHz     passband edge: gain within 0.1 dB of unity from 0 Hz up to here.
 * @param stopbandHz     stopband edge: at least {@link #REQUIRED_ATTENUATION_DB} of rejection from here up.
 * @param attenuationDb  attenuation the Kaiser formulas are fed (the requirement plus a design margin).
 */
public record FilterSpec(
    int fromHz,
    int toHz,
    int upFactor,
    int downFactor,
    double passbandHz,
    double stopbandHz,
    double attenuationDb)
{
    /**
     * Stopband rejection every supported ratio guarantees, in dB (measured by the tests).
     */
    public static final double REQUIRED_ATTENUATION_DB = 80.0;

    /**
     * Passband deviation from unity gain every supported ratio guarantees, in dB (measured by the tests).
     */
    public static final double REQUIRED_PASSBAND_RIPPLE_DB = 0.1;

    /**
     * Kaiser's length formula is only an estimate; 4 dB of margin keeps every ratio at least 3.5 dB above
     * {@link #REQUIRED_ATTENUATION_DB} as measured (6 dB cost 10% more taps at 8 -> 16 kHz for no need).
     */
    private static final double DESIGN_MARGIN_DB = 4.0;

    private static final List<int[]> SUPPORTED = List.of(
        new int[]{8000, 16000}, new int[]{16000, 8000},
        new int[]{8000, 24000}, new int[]{24000, 8000},
        new int[]{16000, 24000}, new int[]{24000, 16000},
        new int[]{8000, 48000}, new int[]{48000, 8000},
        new int[]{16000, 48000}, new int[]{48000, 16000},
        new int[]{24000, 48000}, new int[]{48000, 24000},
        new int[]{22050, 8000}, new int[]{22050, 16000});

    /**
     * The specification for a conversion.
     *
     * @param fromHz input sample rate.
     * @param toHz   output sample rate.
     * @return the filter specification.
     * @throws IllegalArgumentException if the pair is not one of {@link #supported()}.
     */
    public static FilterSpec of(final int fromHz, final int toHz)
    {
        if (!isSupported(fromHz, toHz))
        {
            throw new IllegalArgumentException("unsupported resampling " + fromHz + " Hz -> " + toHz +
                " Hz; supported: 8000, 16000, 24000, 48000 Hz among themselves and 22050 Hz -> 8000/16000 Hz");
        }
        final int gcd = gcd(fromHz, toHz);
        final int low = Math.min(fromHz, toHz);
        final double passband = switch (low)
        {
            case 8000 -> 3400.0;
            case 16000 -> 7000.0;
            default -> 10000.0;
        };
        return new FilterSpec(
            fromHz, toHz, toHz / gcd, fromHz / gcd, passband, low - passband,
            REQUIRED_ATTENUATION_DB + DESIGN_MARGIN_DB);
    }

    /**
     * Whether {@link #of(int, int)} accepts the pair.
     *
     * @param fromHz input sample rate.
     * @param toHz   output sample rate.
     * @return true when the conversion is supported.
     */
    public static boolean isSupported(final int fromHz, final int toHz)
    {
        for (final int[] pair : SUPPORTED)
        {
            if (pair[0] == fromHz && pair[1] == toHz)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Every supported conversion, in a fixed order.
     *
     * @return the specifications of all supported ratios.
     */
    public static List<FilterSpec> supported()
    {
        return SUPPORTED.stream().map(pair -> of(pair[0], pair[1])).toList();
    }

    /**
     * The rate at which the prototype filter runs: {@code fromHz * upFactor}.
     *
     * @return the prototype (up-sampled) rate in Hz.
     */
    public double prototypeRateHz()
    {
        return (double)fromHz * upFactor;
    }

    /**
     * The lower of the two rates; it determines the edges.
     *
     * @return min(fromHz, toHz).
     */
    public int lowerRateHz()
    {
        return Math.min(fromHz, toHz);
    }

    @Override
    public String toString()
    {
        return fromHz + "->" + toHz;
    }

    private static int gcd(final int a, final int b)
    {
        return b == 0 ? a : gcd(b, a % b);
    }
}
