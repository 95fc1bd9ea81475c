using System.Globalization;
using System.Text.Json;
using Course.Cli;
using MessagePack;
using Pickling;
using static System.FormattableString;

namespace Serializer.Bench;

/// <summary>
/// Size and speed of our format against System.Text.Json (source-generated) and MessagePack-CSharp, on
/// one game snapshot, all measured in this run. The steps:
/// 1. Check that each format gives the snapshot back: a benchmark of a wrong answer is worthless.
/// 2. Warm up every variant until its speed is steady (<see cref="WarmUp"/>).
/// 3. Time the encoders in short slices, taking turns, then the decoders the same way. As in chapter 01,
///    taking turns means a moment when the machine is busy slows every format, not just one.
/// 4. Print p50 and p99 of the slices' times per call, and the p50 as a multiple of MessagePack's.
/// </summary>
public static class Bench
{
    /// <summary>One sample: long enough that reading the clock costs nothing, short enough for many samples.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    private sealed record Format(string Name, Func<GameSnapshot, byte[]> Encode, Func<byte[], GameSnapshot> Decode);

    public static void Run(TimeSpan perVariant, IReadOnlyList<string> arguments, TextWriter output, string? chartPath, CancellationToken cancel)
    {
        output.WriteLine($"# {Machine.Command(arguments)}");
        output.WriteLine($"# measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Description()}");
        output.WriteLine($"# load average {Machine.LoadAverage()} at the start");

        GameSnapshot snapshot = Snapshots.Make();
        TypeRegistry types = Snapshots.Registry();
        Format[] formats =
        [
            new("pickle (this chapter)", s => Pickle.Dumps(s, types), b => Pickle.Loads<GameSnapshot>(b, types)),
            new("MessagePack 2.5.307", s => MessagePackSerializer.Serialize(s), b => MessagePackSerializer.Deserialize<GameSnapshot>(b)),
            new("System.Text.Json (source-gen)", s => JsonSerializer.SerializeToUtf8Bytes(s, SnapshotJson.Default.GameSnapshot),
                b => JsonSerializer.Deserialize(b, SnapshotJson.Default.GameSnapshot)!),
        ];
        const int Baseline = 1; // MessagePack

        byte[] expected = Pickle.Dumps(snapshot, types);
        byte[][] encoded = [.. formats.Select(f => f.Encode(snapshot))];
        for (int f = 0; f < formats.Length; f++)
            if (!Pickle.Dumps(formats[f].Decode(encoded[f]), types).AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException($"{formats[f].Name} did not round-trip the snapshot");

        output.WriteLine($"One snapshot: {snapshot.Players.Count} players, {snapshot.Pellets.Count:N0} pellets.");
        output.WriteLine();
        output.WriteLine($"{"format",-30} {"bytes",8} {"vs MP",7}");
        for (int f = 0; f < formats.Length; f++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{formats[f].Name,-30} {encoded[f].Length,8:N0} {(double)encoded[f].Length / encoded[Baseline].Length,6:0.00}x"));
        output.WriteLine();

        Variant[] encoders = [.. formats.Select(f => new Variant("encode", f.Name, () => f.Encode(snapshot)))];
        Variant[] decoders = [.. formats.Select((f, i) => new Variant("decode", f.Name, () => f.Decode(encoded[i])))];

        TimeSpan limit = TimeSpan.FromSeconds(Math.Max(3, 2 * perVariant.TotalSeconds));
        WarmUp.Result warm = WarmUp.Run([.. encoders, .. decoders], Slice, limit, cancel);
        output.WriteLine(Invariant($"Warm-up: {warm.Took.TotalSeconds:0.0} s, {warm.Rounds} rounds of one {Slice.TotalMilliseconds:0} ms slice per variant. ")
            + (warm.Steady
                ? Invariant($"Steady: every variant ran {WarmUp.MinCalls:N0} calls and {WarmUp.MinTime.TotalSeconds:0.#} s in all, then two slices in a row within {WarmUp.Tolerance:P0}.")
                : Invariant($"NOT steady within {limit.TotalSeconds:0.#} s (a busy machine?): ")
                  + $"{string.Join(", ", warm.Unsettled.Select(v => $"{v.Format} {v.Operation}"))} still changing; measuring anyway, with less trust."));
        int slices = Math.Max(1, (int)Math.Round(perVariant / Slice));
        output.WriteLine(Invariant($"Then {perVariant.TotalSeconds:0.##} s per variant: {slices} slices of {Slice.TotalMilliseconds:0} ms, the formats taking turns. ")
            + "p50 and p99 are of the slices' times per call.");
        output.WriteLine();

        output.WriteLine($"{"operation",-10} {"format",-30} {"samples",8} {"p50 µs",9} {"p99 µs",9} {"p50 vs MP",10}");
        foreach (Variant[] operation in new[] { encoders, decoders })
        {
            Measure(operation, slices, cancel);
            foreach (Variant v in operation) // printed as soon as this operation's turn is over
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Operation,-10} {v.Format,-30} {v.Samples.Count,8} {v.Percentile(0.5),9:N1} {v.Percentile(0.99),9:N1} {v.Percentile(0.5) / operation[Baseline].Percentile(0.5),9:0.00}x"));
        }
        output.WriteLine($"# load average {Machine.LoadAverage()} at the end");

        if (chartPath is not null)
        {
            // Three different units: show each as a ratio to MessagePack, so they share one axis.
            BenchChart.Bars(chartPath, "One game snapshot, relative to MessagePack (lower is better)", "",
                ["bytes", "encode time (p50)", "decode time (p50)"], "× MessagePack",
                [.. formats.Select((f, i) => new Series(f.Name, [
                    (double)encoded[i].Length / encoded[Baseline].Length,
                    encoders[i].Percentile(0.5) / encoders[Baseline].Percentile(0.5),
                    decoders[i].Percentile(0.5) / decoders[Baseline].Percentile(0.5)]))]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    /// <summary>One slice of each variant in turn, <paramref name="slices"/> times.</summary>
    private static void Measure(Variant[] variants, int slices, CancellationToken cancel)
    {
        for (int s = 0; s < slices && !cancel.IsCancellationRequested; s++)
            foreach (Variant v in variants)
                v.Samples.Add(v.RunSlice(Slice));
    }
}
