package io.voxgate.bench.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of the server's {@code /metrics} (Prometheus text format): every sample summed over its labels, and
 * the cumulative buckets of every classic histogram. Two scrapes, before and after a run, give the run's own
 * counts ({@link #delta}) and server-side latency quantiles ({@link #quantileSeconds}), interpolated within buckets
 * the way Prometheus' {@code histogram_quantile} does.
 *
 * <p>Immutable.
 */
final class ServerMetrics
{
    private final Map<String, Double> samples;
    private final Map<String, TreeMap<Double, Double>> buckets;

    private ServerMetrics(final Map<String, Double> samples, final Map<String, TreeMap<Double, Double>> buckets)
    {
        this.samples = samples;
        this.buckets = buckets;
    }

    /**
     * Scrapes a server.
     *
     * @param metrics the {@code /metrics} URL.
     * @return the scrape, or {@code null} when the server did not answer with 200.
     * @throws InterruptedException if interrupted.
     */
    static ServerMetrics scrape(final URI metrics) throws InterruptedException
    {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build())
        {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return 200 == response.statusCode() ? parse(response.body()) : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Parses the text format.
     *
     * @param text the exposition.
     * @return the scrape.
     */
    static ServerMetrics parse(final String text)
    {
        final Map<String, Double> samples = new HashMap<>();
        final Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        for (final String line : text.split("\n"))
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final int brace = line.indexOf('{');
            final int space = line.lastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }
            final String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            final double value;
            try
            {
                value = Double.parseDouble(line.substring(space + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                continue;
            }
            samples.merge(name, value, Double::sum);
            if (name.endsWith("_bucket"))
            {
                final int le = line.indexOf("le=\"");
                if (le > 0)
                {
                    final String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                    final double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                    buckets.computeIfAbsent(name.substring(0, name.length() - "_bucket".length()),
                        (k) -> new TreeMap<>()).merge(upper, value, Double::sum);
                }
            }
        }
        return new ServerMetrics(samples, buckets);
    }

    /**
     * How much a sample grew between two scrapes.
     *
     * @param before the earlier scrape.
     * @param name   the sample's name, e.g. {@code voxgate_media_frames_in_total}.
     * @return the growth, or NaN when the server does not export it.
     */
    double delta(final ServerMetrics before, final String name)
    {
        final Double now = samples.get(name);
        if (null == now)
        {
            return Double.NaN;
        }
        return now - before.samples.getOrDefault(name, 0.0);
    }

    /**
     * Observations a histogram gained between two scrapes.
     *
     * @param before    the earlier scrape.
     * @param histogram the histogram's name without suffix, e.g. {@code voxgate_ingress_latency_seconds}.
     * @return the count, or NaN when not exported.
     */
    double count(final ServerMetrics before, final String histogram)
    {
        return delta(before, histogram + "_count");
    }

    /**
     * A quantile of what a histogram observed between two scrapes.
     *
     * @param before    the earlier scrape.
     * @param histogram the histogram's name without suffix.
     * @param quantile  e.g. 0.99.
     * @return seconds, or NaN when nothing was observed.
     */
    double quantileSeconds(final ServerMetrics before, final String histogram, final double quantile)
    {
        final TreeMap<Double, Double> now = buckets.get(histogram);
        if (null == now)
        {
            return Double.NaN;
        }
        final TreeMap<Double, Double> then = before.buckets.getOrDefault(histogram, new TreeMap<>());
        final double total = now.lastEntry().getValue() - then.getOrDefault(now.lastKey(), 0.0);
        if (total <= 0)
        {
            return Double.NaN;
        }
        final double rank = quantile * total;
        double lower = 0;
        double below = 0;
        for (final Map.Entry<Double, Double> bucket : now.entrySet())
        {
            final double cumulative = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0.0);
            if (cumulative >= rank)
            {
                if (Double.isInfinite(bucket.getKey()))
                {
                    return lower;
                }
                final double inBucket = cumulative - below;
                return lower + (bucket.getKey() - lower) * (inBucket <= 0 ? 1 : (rank - below) / inBucket);
            }
            lower = bucket.getKey();
            below = cumulative;
        }
        return lower;
    }

    /**
     * The share of what a histogram observed between two scrapes that fell at or below one of its bucket bounds:
     * exact, where a quantile is interpolated (e.g. "p99 within 5 ms" holds when the share at 0.005 is >= 0.99).
     *
     * @param before     the earlier scrape.
     * @param histogram  the histogram's name without suffix.
     * @param upperBound a bucket's {@code le} bound, in seconds.
     * @return 0..1, or NaN when not exported, nothing was observed or no bucket has that bound.
     */
    double shareWithin(final ServerMetrics before, final String histogram, final double upperBound)
    {
        final TreeMap<Double, Double> now = buckets.get(histogram);
        if (null == now || !now.containsKey(upperBound))
        {
            return Double.NaN;
        }
        final TreeMap<Double, Double> then = before.buckets.getOrDefault(histogram, new TreeMap<>());
        final double total = now.lastEntry().getValue() - then.getOrDefault(now.lastKey(), 0.0);
        if (total <= 0)
        {
            return Double.NaN;
        }
        return (now.get(upperBound) - then.getOrDefault(upperBound, 0.0)) / total;
    }
}
