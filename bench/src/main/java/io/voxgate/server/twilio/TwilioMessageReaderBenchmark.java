package io.voxgate.server.twilio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inbound Twilio {@code media} message (20 ms, 216 base64 characters) read on the event loop, from the frame's
 * direct buffer into the connection's reused {@link TwilioMessage}: Jackson's non-blocking parser alone against the
 * {@link MediaMessageScanner} fast path in front of it. Sixteen different messages in turn, so neither path sees
 * the same bytes twice in a row.
 *
 * <p>Lives in the reader's package because the reader and its message are package-private to the media server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TwilioMessageReaderBenchmark
{
    private static final int FRAMES = 16;
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    final ByteBuf[] frames = new ByteBuf[FRAMES];
    final TwilioMessage message = new TwilioMessage();
    final TwilioMessageReader jackson = new TwilioMessageReader(MAX_FRAME_BYTES, false);
    final TwilioMessageReader fast = new TwilioMessageReader(MAX_FRAME_BYTES, true);
    final MediaMessageScanner scanner = new MediaMessageScanner(MAX_FRAME_BYTES);
    final byte[][] copies = new byte[FRAMES][];
    final byte[] copy = new byte[1024];
    int next;

    /**
     * Sixteen media messages in the order Twilio sends the fields, each in a direct buffer as the socket delivers it.
     */
    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final byte[] mulaw = new byte[160];
        for (int i = 0; i < FRAMES; i++)
        {
            random.nextBytes(mulaw);
            final String json = "{\"event\":\"media\",\"sequenceNumber\":\"" + (i + 2) + "\",\"media\":{\"track\":" +
                "\"inbound\",\"chunk\":\"" + (i + 1) + "\",\"timestamp\":\"" + (i * 20 + 5) + "\",\"payload\":\"" +
                Base64.getEncoder().encodeToString(mulaw) + "\"},\"streamSid\":\"MZaaaabbbbccccddddeeeeffff00001111\"}";
            final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
            copies[i] = bytes;
            frames[i] = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        }
    }

    /**
     * Releases the frames.
     */
    @TearDown
    public void tearDown()
    {
        for (final ByteBuf frame : frames)
        {
            frame.release();
        }
    }

    /**
     * Every message through Jackson's non-blocking streaming parser (the path before the fast path).
     *
     * @return the payload's length, so the read is not dead code.
     */
    @Benchmark
    public int jacksonPath()
    {
        return read(jackson);
    }

    /**
     * The reader as the server runs it: the media message is taken by the byte scan.
     *
     * @return the payload's length, so the read is not dead code.
     */
    @Benchmark
    public int fastPath()
    {
        return read(fast);
    }

    /**
     * The scan alone, over bytes already copied out of the frame.
     *
     * @return the payload's length, so the scan is not dead code.
     */
    @Benchmark
    public int scanOnly()
    {
        final int i = next++ & (FRAMES - 1);
        message.reset();
        if (!scanner.scan(copies[i], copies[i].length, message))
        {
            throw new IllegalStateException("media message declined");
        }
        return message.payload.length();
    }

    /**
     * The floor both paths share: resetting the message and copying the frame out of its direct buffer.
     *
     * @return a copied byte, so the copy is not dead code.
     */
    @Benchmark
    public int copyOnly()
    {
        final ByteBuf frame = frames[next++ & (FRAMES - 1)];
        message.reset();
        frame.getBytes(frame.readerIndex(), copy, 0, frame.readableBytes());
        return copy[frame.readableBytes() - 1];
    }

    private int read(final TwilioMessageReader reader)
    {
        final ByteBuf frame = frames[next++ & (FRAMES - 1)];
        if (reader.read(frame, message) != null)
        {
            throw new IllegalStateException("media message refused");
        }
        return message.payload.length();
    }
}
