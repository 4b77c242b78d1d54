package io.voxgate.tools.call;

/**
 * The outcome of a simulated call.
 *
 * @param ending   how it ended.
 * @param detail   one line saying how, for a person to read.
 * @param heard    what the caller heard: 8 kHz PCM16 from the stream's start to the call's end (empty when it never
 *                 started).
 * @param bargeIns how many times the server cleared a reply that was playing.
 */
public record CallResult(CallEnding ending, String detail, short[] heard, int bargeIns)
{
}
