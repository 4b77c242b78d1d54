package io.voxgate.orchestrator.provider.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed pool of allocated FreeTTS voices, each with its own {@link SampleCollector}. A FreeTTS {@link Voice} is
 * not thread-safe, so a synthesis borrows one for a segment and returns it; the pool's size bounds how many
 * segments are synthesized at once in the process (FreeTTS is CPU-bound).
 *
 * <p>Voices are taken straight from {@link KevinVoiceDirectory} rather than through FreeTTS's {@code VoiceManager}
 * and its {@code freetts.voices} system property, so nothing global is touched. Allocation (about a second per
 * voice, loading the diphone database) happens on first use.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class VoicePool
{
    /** A voice and its collector. */
    record Lease(Voice voice, SampleCollector collector)
    {
    }

    private final String voiceName;
    private final int chunkMs;
    private final BlockingQueue<Lease> idle;
    private int created;
    private final int size;

    VoicePool(final String voiceName, final int size, final int chunkMs)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("freetts pool size must be at least 1: " + size);
        }
        this.voiceName = voiceName;
        this.size = size;
        this.chunkMs = chunkMs;
        this.idle = new ArrayBlockingQueue<>(size);
        find(voiceName);
    }

    Lease borrow() throws InterruptedException
    {
        final Lease ready = idle.poll();
        if (null != ready)
        {
            return ready;
        }
        synchronized (this)
        {
            if (created < size)
            {
                created++;
                final Voice voice = find(voiceName);
                final SampleCollector collector = new SampleCollector(chunkMs);
                voice.setAudioPlayer(collector);
                voice.allocate();
                return new Lease(voice, collector);
            }
        }
        return idle.take();
    }

    void release(final Lease lease)
    {
        lease.collector().target(null);
        idle.add(lease);
    }

    private static Voice find(final String name)
    {
        for (final Voice voice : new KevinVoiceDirectory().getVoices())
        {
            if (voice.getName().equals(name))
            {
                return voice;
            }
        }
        throw new IllegalArgumentException("unknown freetts voice '" + name + "' (known: kevin, kevin16)");
    }
}
