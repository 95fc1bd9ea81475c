using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Course.Cli;
using MessagePack;
using Pickling;

namespace Serializer.Bench;

/// <summary>
/// Size and speed of our format against System.Text.Json (source-generated) and MessagePack-CSharp, on
/// one game snapshot, all measured in this run. As in chapter 01, the contestants run in alternating
/// slices rather than one after the other, so a machine that slows down for a second slows all of them.
/// </summary>
public static class Bench
{
    private const int Slices = 10;

    private sealed record Format(string Name, Func<GameSnapshot, byte[]> Encode, Func<byte[], GameSnapshot> Decode)
    {
        public byte[] Encoded { get; set; } = [];
        public long EncodeOps { get; set; }
        public TimeSpan EncodeTime { get; set; }
        public long DecodeOps { get; set; }
        public TimeSpan DecodeTime { get; set; }
        public double EncodeMicros => EncodeTime.TotalMicroseconds / EncodeOps;
        public double DecodeMicros => DecodeTime.TotalMicroseconds / DecodeOps;
    }

    public static void Run(TimeSpan perCase, TextWriter output, Progress progress, string? chartPath, CancellationToken cancel)
    {
        GameSnapshot snapshot = Snapshots.Make();
        TypeRegistry types = Snapshots.Registry();
        Format[] formats =
        [
            new("pickle (this chapter)", s => Pickle.Dumps(s, types), b => Pickle.Loads<GameSnapshot>(b, types)),
            new("MessagePack 2.5.307", s => MessagePackSerializer.Serialize(s), b => MessagePackSerializer.Deserialize<GameSnapshot>(b)),
            new("System.Text.Json (source-gen)", s => JsonSerializer.SerializeToUtf8Bytes(s, SnapshotJson.Default.GameSnapshot),
                b => JsonSerializer.Deserialize(b, SnapshotJson.Default.GameSnapshot)!),
        ];

        byte[] expected = Pickle.Dumps(snapshot, types);
        foreach (Format format in formats)
        {
            format.Encoded = format.Encode(snapshot);
            // A benchmark of a wrong answer is worthless: check each format gives the snapshot back.
            if (!Pickle.Dumps(format.Decode(format.Encoded), types).AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException($"{format.Name} did not round-trip the snapshot");
            for (int i = 0; i < 200; i++) format.Decode(format.Encode(snapshot)); // warm up the JIT
        }

        output.WriteLine($"One snapshot: {snapshot.Players.Count} players, {snapshot.Pellets.Count:N0} pellets. "
                         + $"{perCase.TotalSeconds:0.##} s per case, in {Slices} alternating slices.");
        output.WriteLine();
        TimeSpan slice = perCase / Slices;
        for (int s = 0; s < Slices && !cancel.IsCancellationRequested; s++)
        {
            // The rows all finish together, after the last slice: say how far along we are meanwhile.
            progress.Step($"slice {s + 1} of {Slices}: each format encodes, then decodes ({Progress.Seconds(slice * 2 * formats.Length * (Slices - s))} left)");
            foreach (Format format in formats)
            {
                (long ops, TimeSpan time) = Measure(() => format.Encode(snapshot), slice);
                format.EncodeOps += ops;
                format.EncodeTime += time;
                (ops, time) = Measure(() => format.Decode(format.Encoded), slice);
                format.DecodeOps += ops;
                format.DecodeTime += time;
            }
        }

        progress.Done();
        Format baseline = formats[1];
        output.WriteLine($"{"format",-30} {"bytes",8} {"size vs MP",11} {"encode µs",10} {"vs MP",7} {"decode µs",10} {"vs MP",7}");
        foreach (Format f in formats)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.Name,-30} {f.Encoded.Length,8:N0} {(double)f.Encoded.Length / baseline.Encoded.Length,10:0.00}x "
                + $"{f.EncodeMicros,10:N1} {f.EncodeMicros / baseline.EncodeMicros,6:0.00}x {f.DecodeMicros,10:N1} {f.DecodeMicros / baseline.DecodeMicros,6:0.00}x"));
        }
        if (chartPath is not null)
        {
            // Three different units: show each as a ratio to MessagePack, so they share one axis.
            BenchChart.Bars(chartPath, "One game snapshot, relative to MessagePack (lower is better)", "",
                ["bytes", "encode time", "decode time"], "× MessagePack",
                [.. formats.Select(f => new Series(f.Name, [
                    (double)f.Encoded.Length / baseline.Encoded.Length,
                    f.EncodeMicros / baseline.EncodeMicros,
                    f.DecodeMicros / baseline.DecodeMicros]))]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private static (long Ops, TimeSpan Time) Measure(Action action, TimeSpan duration)
    {
        long ops = 0;
        var clock = Stopwatch.StartNew();
        // Check the clock every 16 calls, so reading it costs nothing next to the work.
        while (clock.Elapsed < duration)
            for (int i = 0; i < 16; i++, ops++) action();
        return (ops, clock.Elapsed);
    }
}
