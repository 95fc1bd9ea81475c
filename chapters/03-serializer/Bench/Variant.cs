using System.Diagnostics;

namespace Serializer.Bench;

/// <summary>
/// One thing the bench times (a format encoding, or a format decoding) and what it measured: the time
/// per call of each slice it ran, one sample per slice.
/// </summary>
internal sealed class Variant(string operation, string format, Action call)
{
    public string Operation { get; } = operation;
    public string Format { get; } = format;

    /// <summary>Calls made so far, warm-up included.</summary>
    public long Calls { get; private set; }

    /// <summary>Microseconds per call, one per measured slice, in the order they were measured.</summary>
    public List<double> Samples { get; } = [];

    /// <summary>
    /// Calls the operation again and again for about <paramref name="duration"/> and returns the time per
    /// call, in microseconds. The clock is read after every call: a read costs about 20 ns, next to calls
    /// of tens of microseconds.
    /// </summary>
    public double RunSlice(TimeSpan duration)
    {
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0, now;
        do
        {
            call();
            calls++;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);
        Calls += calls;
        return Stopwatch.GetElapsedTime(start, now).TotalMicroseconds / calls;
    }

    /// <summary>The sample below which a fraction <paramref name="p"/> of the samples lie (nearest rank).</summary>
    public double Percentile(double p)
    {
        if (Samples.Count == 0) return double.NaN;
        List<double> sorted = [.. Samples];
        sorted.Sort();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
