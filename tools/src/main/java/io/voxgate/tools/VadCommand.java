package io.voxgate.tools;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.dsp.vad.VadMode;
import io.voxgate.dsp.vad.VoiceActivityDetector;
import io.voxgate.tools.audio.AudioFileKind;
import io.voxgate.tools.audio.AudioFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate vad [--rate HZ] [--frame-ms 10|20|30] [--mode N] IN}: runs the voice-activity detector over a file
 * from its start as one stream and prints one line per frame, {@code 1} for speech and {@code 0} otherwise.
 *
 * <p>8 and 16 kHz input is analysed as it is; WAV input at another rate the resampler supports is first resampled to
 * 16 kHz. A partial frame at the end of the file is not reported.
 */
@Command(name = "vad", mixinStandardHelpOptions = true,
    description = "Print one line per frame: 1 = speech, 0 = no speech.")
public final class VadCommand implements Callable<Integer>
{
    @Option(names = "--rate", paramLabel = "HZ", description = "Rate of raw PCM16 input (8000 or 16000).")
    Integer rate;

    @Option(names = "--frame-ms", paramLabel = "MS", defaultValue = "10", description = "Frame length: 10, 20 or 30.")
    int frameMillis;

    @Option(names = "--mode", paramLabel = "N",
        description = "0 (permissive) .. 3 (aggressive); default: ${DEFAULT-VALUE}.")
    int mode = VadMode.AGGRESSIVE.level();

    @Parameters(index = "0", paramLabel = "IN",
        description = "Input: .wav, raw PCM16 (.raw/.pcm) with --rate, .ulaw/.alaw.")
    Path in;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 30)
        {
            throw new InputException("--frame-ms must be 10, 20 or 30, not " + frameMillis);
        }
        if (mode < 0 || mode > 3)
        {
            throw new InputException("--mode must be 0..3, not " + mode);
        }
        final Integer rawRate = AudioFileKind.of(in).rawEncoding() == WavEncoding.PCM_16 ? null : Integer.valueOf(8000);
        final WavAudio audio = AudioFiles.read(in, rate, "--rate", rawRate);
        short[] pcm = audio.toPcm16();
        int sampleRate = audio.format().sampleRate();
        if (sampleRate != 8000 && sampleRate != 16000)
        {
            if (!FilterSpec.isSupported(sampleRate, 16000))
            {
                throw new InputException(in + ": the VAD runs at 8000 or 16000 Hz, and " + sampleRate +
                    " Hz cannot be resampled to 16000 Hz");
            }
            final PolyphaseResampler resampler = new PolyphaseResampler(sampleRate, 16000);
            final short[] resampled = new short[resampler.maxOutputSamples(pcm.length)];
            final int produced = resampler.process(pcm, 0, pcm.length, resampled, 0);
            pcm = java.util.Arrays.copyOf(resampled, produced);
            sampleRate = 16000;
        }
        final VoiceActivityDetector vad = new VoiceActivityDetector(sampleRate, frameMillis, VadMode.ofLevel(mode));
        final int frame = vad.samplesPerFrame();
        final StringBuilder lines = new StringBuilder(2 * (pcm.length / frame));
        for (int offset = 0; offset + frame <= pcm.length; offset += frame)
        {
            lines.append(vad.process(pcm, offset) ? '1' : '0').append('\n');
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(lines);
        out.flush();
        return 0;
    }
}
