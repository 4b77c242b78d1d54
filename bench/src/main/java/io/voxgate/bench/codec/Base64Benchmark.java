package io.voxgate.bench.codec;

import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.base64.Base64Encoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base64 of one Twilio media payload: 160 μ-law bytes (20 ms) = 216 characters, decoded into an off-heap buffer as
 * the ingress path does, and encoded back as the egress path does; {@link java.util.Base64} (which allocates a new
 * array per call) as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Base64Benchmark
{
    private static final int PAYLOAD_BYTES = 160;

    final Base64Decoder decoder = new Base64Decoder();
    String payload;
    UnsafeBuffer encodedDirect;
    UnsafeBuffer raw;
    UnsafeBuffer decoded;
    UnsafeBuffer encodedOut;

    /**
     * A random 160-byte payload and its base64 text.
     */
    @Setup
    public void setUp()
    {
        final byte[] bytes = new byte[PAYLOAD_BYTES];
        new SplittableRandom(7).nextBytes(bytes);
        payload = Base64.getEncoder().encodeToString(bytes);
        final byte[] ascii = payload.getBytes(StandardCharsets.US_ASCII);
        encodedDirect = new UnsafeBuffer(ByteBuffer.allocateDirect(ascii.length));
        encodedDirect.putBytes(0, ascii);
        raw = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_BYTES));
        raw.putBytes(0, bytes);
        decoded = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_BYTES));
        encodedOut = new UnsafeBuffer(ByteBuffer.allocateDirect(ascii.length));
    }

    /**
     * Decode from ASCII bytes in an off-heap buffer.
     *
     * @return decoded length.
     */
    @Benchmark
    public int decodeDirect()
    {
        return decoder.decode(encodedDirect, 0, encodedDirect.capacity(), decoded, 0);
    }

    /**
     * Decode from the characters of a string (the form a JSON parser hands over).
     *
     * @return decoded length.
     */
    @Benchmark
    public int decodeChars()
    {
        return decoder.decode(payload, 0, payload.length(), decoded, 0);
    }

    /**
     * Encode from an off-heap buffer into another.
     *
     * @return encoded length.
     */
    @Benchmark
    public int encodeDirect()
    {
        return Base64Encoder.encode(raw, 0, PAYLOAD_BYTES, encodedOut, 0);
    }

    /**
     * The JDK decoder on the same string.
     *
     * @return the decoded bytes.
     */
    @Benchmark
    public byte[] jdkDecode()
    {
        return Base64.getDecoder().decode(payload);
    }
}
