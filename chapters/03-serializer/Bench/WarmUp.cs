using System.Diagnostics;

namespace Serializer.Bench;

/// <summary>
/// Runs every variant until its speed has stopped changing, before anything is measured. .NET compiles
/// a method twice: first quickly (tier 0), then, once it has been called often, again with full
/// optimisation (tier 1), on a background thread and after a short delay. A variant timed before that is
/// timed in its slow first version, and the bench would compare compilers instead of formats.
/// The rule, per variant: at least <see cref="MinCalls"/> calls and <see cref="MinTime"/> of warm-up in
/// all, then two successive slices whose times per call agree within <see cref="Tolerance"/>. The
/// minimums keep two early slices, both still at tier 0, from passing for a steady state.
/// </summary>
internal static class WarmUp
{
    public const int MinCalls = 1000;
    public const double Tolerance = 0.03;
    public static readonly TimeSpan MinTime = TimeSpan.FromSeconds(1);

    /// <summary>How it went: the rounds (one slice of each variant), the time, and the variants that had
    /// not settled when it stopped (none, normally).</summary>
    public readonly record struct Result(int Rounds, TimeSpan Took, IReadOnlyList<Variant> Unsettled)
    {
        public bool Steady => Unsettled.Count == 0;
    }

    /// <summary>Warms up the variants in turn, one slice each per round, until all have settled or
    /// <paramref name="limit"/> has passed (a busy machine may never give two slices that agree).</summary>
    public static Result Run(IReadOnlyList<Variant> variants, TimeSpan slice, TimeSpan limit, CancellationToken cancel)
    {
        var last = new double[variants.Count];
        var settled = new bool[variants.Count];
        var clock = Stopwatch.StartNew();
        for (int round = 1; ; round++)
        {
            for (int i = 0; i < variants.Count; i++)
            {
                double now = variants[i].RunSlice(slice);
                if (round > 1 && variants[i].Calls >= MinCalls && clock.Elapsed >= MinTime
                    && Math.Abs(now - last[i]) <= Tolerance * last[i])
                    settled[i] = true; // tier 1 does not go back to tier 0, so once settled stays settled
                last[i] = now;
            }
            if (Array.TrueForAll(settled, s => s) || clock.Elapsed >= limit || cancel.IsCancellationRequested)
                return new Result(round, clock.Elapsed, [.. variants.Where((_, i) => !settled[i])]);
        }
    }
}
