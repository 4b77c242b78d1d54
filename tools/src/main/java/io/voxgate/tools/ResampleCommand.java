package io.voxgate.tools;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.tools.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate resample --from HZ --to HZ IN OUT}: converts the sample rate of a file with the streaming polyphase
 * resampler, exactly as the media path does. G.711 input is decoded first; the output is PCM16 (raw or WAV).
 *
 * <p>Like the media path, the output is delayed by the filter's group delay (about 2 ms, see {@code docs/DSP.md});
 * the filter is flushed at the end, so the output is that much longer and loses nothing.
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
    description = "Resample audio (PCM16 out). Rates: 8000, 16000, 24000, 48000 between each other; " +
        "22050 to 8000/16000.")
public final class ResampleCommand implements Callable<Integer>
{
    @Option(names = "--from", paramLabel = "HZ",
        description = "Input rate; required for raw PCM16 input, checked against a WAV header.")
    Integer fromHz;

    @Option(names = "--to", paramLabel = "HZ", required = true, description = "Output rate.")
    int toHz;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file (.raw/.pcm PCM16, .ulaw/.alaw, .wav).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file (.raw/.pcm or .wav).")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        final WavAudio input = AudioFiles.read(in, fromHz, "--from", null);
        final int inputRate = input.format().sampleRate();
        final short[] pcm = input.toPcm16();
        if (inputRate == toHz)
        {
            AudioFiles.writePcm16(out, pcm, pcm.length, toHz);
            return 0;
        }
        if (!FilterSpec.isSupported(inputRate, toHz))
        {
            throw new InputException("resampling " + inputRate + " Hz to " + toHz + " Hz is not supported " +
                "(supported: " + FilterSpec.supported() + ")");
        }
        final PolyphaseResampler resampler = new PolyphaseResampler(inputRate, toHz);
        // Flush the filter with zeros so the file's last milliseconds come out too (a stream never needs this).
        final short[] padded = Arrays.copyOf(pcm, pcm.length + resampler.drainInputSamples());
        final short[] resampled = new short[resampler.maxOutputSamples(padded.length)];
        final int produced = resampler.process(padded, 0, padded.length, resampled, 0);
        AudioFiles.writePcm16(out, resampled, produced, toHz);
        return 0;
    }
}
