package io.voxgate.tools;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.tools.audio.AudioFileKind;
import io.voxgate.tools.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate codec encode|decode --law ulaw|alaw IN OUT}: G.711 conversion of whole files.
 *
 * <p>Headerless input is taken to be 8 kHz unless {@code --rate} says otherwise; the rate only matters when the
 * output is a WAV file.
 */
@Command(name = "codec", mixinStandardHelpOptions = true, description = "G.711 encode and decode.",
    subcommands = {CodecCommand.Encode.class, CodecCommand.Decode.class})
public final class CodecCommand implements Runnable
{
    private static final int DEFAULT_RAW_RATE = 8000;

    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: encode or decode");
    }

    /**
     * {@code codec encode}: PCM16 in, G.711 out (raw {@code .ulaw}/{@code .alaw} or WAV format 7/6).
     */
    @Command(name = "encode", mixinStandardHelpOptions = true, description = "PCM16 (.raw/.pcm/.wav) to G.711.")
    public static final class Encode implements Callable<Integer>
    {
        @Option(names = "--law", required = true, paramLabel = "ulaw|alaw", description = "The G.711 law.")
        String law;

        @Option(names = "--rate", paramLabel = "HZ", description = "Rate of raw input (default 8000).")
        Integer rate;

        @Parameters(index = "0", paramLabel = "IN", description = "PCM16 input (.raw/.pcm or .wav).")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "Output (.ulaw/.alaw or .wav).")
        Path out;

        @Override
        public Integer call() throws IOException
        {
            final WavEncoding law = AudioFileKind.ofLaw(this.law);
            final WavAudio input = AudioFiles.read(in, rate, "--rate", DEFAULT_RAW_RATE);
            if (input.format().encoding() != WavEncoding.PCM_16)
            {
                throw new InputException(in + " holds " + input.format().encoding() + ": encode takes PCM16 input");
            }
            AudioFiles.write(out, WavAudio.encode(new WavFormat(law, input.format().sampleRate()), input.toPcm16()));
            return 0;
        }
    }

    /**
     * {@code codec decode}: G.711 in (raw or WAV), PCM16 out (raw or WAV).
     */
    @Command(name = "decode", mixinStandardHelpOptions = true, description = "G.711 (.ulaw/.alaw/.wav) to PCM16.")
    public static final class Decode implements Callable<Integer>
    {
        @Option(names = "--law", required = true, paramLabel = "ulaw|alaw", description = "The G.711 law.")
        String law;

        @Option(names = "--rate", paramLabel = "HZ", description = "Rate of raw input (default 8000).")
        Integer rate;

        @Parameters(index = "0", paramLabel = "IN", description = "G.711 input (.ulaw/.alaw or .wav).")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "PCM16 output (.raw/.pcm or .wav).")
        Path out;

        @Override
        public Integer call() throws IOException
        {
            final WavEncoding law = AudioFileKind.ofLaw(this.law);
            final WavAudio input = AudioFiles.read(in, rate, "--rate", DEFAULT_RAW_RATE);
            if (input.format().encoding() != law)
            {
                throw new InputException(
                    in + " holds " + input.format().encoding() + ", not " + law + " (--law " + this.law + ")");
            }
            final short[] pcm = input.toPcm16();
            AudioFiles.writePcm16(out, pcm, pcm.length, input.format().sampleRate());
            return 0;
        }
    }
}
