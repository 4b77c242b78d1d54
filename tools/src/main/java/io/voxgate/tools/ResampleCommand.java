package io.voxgate.tools;

import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.codec.wav.WavAudio;
import io.voxgate.tools.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate resample --from HZ --to HZ IN OUT}: converts the sample rate of a file with the streaming polyphase
 * resampler, exactly as the media path does. G.711 input is decoded first; the output is PCM16 (raw or WAV).
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
    description = "Resample audio (PCM16 out). Rates: 8000, 16000, 24000, 48000 between each other; 22050 to 8000/16000.")
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
        final short[] resampled = new short[resampler.maxOutputSamples(pcm.length)];
        final int produced = resampler.process(pcm, 0, pcm.length, resampled, 0);
        AudioFiles.writePcm16(out, resampled, produced, toHz);
        return 0;
    }
}
