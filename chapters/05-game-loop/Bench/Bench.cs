using System.Globalization;
using System.Net;
using Course.Bench;
using Course.Cli;
using Snake.Loop;
using Snake.Rooms;

namespace GameLoop;

/// <summary>
/// How well does the tick keep its schedule, as the players see it? The server as it ships
/// (<c>server --quiet</c>, in a process of its own, pinned to core 0) with N bots in rooms at the
/// server's cap (32), bots in this process on core 1; once with the PeriodicTimer loop and once with the
/// seed's sleep-after-tick loop, and once the floor, in alternating slices. The floor is a program that
/// sends the same bytes to the same number of players on the same schedule, with nothing else: one floor
/// process per room (each on its own schedule, as the rooms are), on the server's core. Then one room at its
/// cap beside the floor.
/// </summary>
/// <remarks>
/// 1. Lateness of a state is its arrival minus the moment its tick was due (<see cref="ScheduleLateness"/>):
///    tick k of a room is due at the room's start + k periods. Not the gap between two arrivals minus the
///    period, which shows a late tick followed by an on-time one as +x and −x.
/// 2. Drift: the slope of lateness over time, in milliseconds per minute. A loop that sleeps a period after
///    each tick falls behind by the tick's own cost every tick; a timer does not.
/// 3. Each slice starts a fresh server (or floor) and fresh bots, warms up until the median lateness of
///    two successive seconds agrees, then measures; the two loops and the floor take turns, slice by slice.
/// 4. Server CPU is its processor time over the slice; memory its resident set at the end (for the floor's
///    row, its processes' together).
/// </remarks>
internal static class Bench
{
    private const int TargetPlayers = 500;
    private const double TargetP99Ms = 2;
    // Where the floor's own p99 is over 2 ms, no server meets 2 ms on that machine; the target is then a
    // ratio to the floor: the allowance 2 ms gives a machine whose floor is 1 ms.
    private const double TargetRatio = 2;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TickPacing[] Loops = [TickPacing.Timer, TickPacing.SleepAfterTick];

    public sealed record Options(int[] Players, double TickRate, TimeSpan PerLoop, int Slices, TimeSpan WarmUpAtLeast, string Floor, string? ChartPath);

    private sealed record Slice(double CpuPercent, double MemoryMiB, double BytesPerTick);

    public static async Task RunAsync(Options options, TextWriter output, Progress progress, CancellationToken cancel)
    {
        bool pinned = Pinning.Available && Pinning.PinThisProcess("1");
        string? serverCore = pinned ? "0" : null;
        int cap = new RoomOptions().MaxPlayersPerRoom;
        double periodMs = 1000 / options.TickRate;
        TimeSpan slice = options.PerLoop / options.Slices;
        output.WriteLine($"bench: {Conditions.Command("chapters/05-game-loop")}");
        output.WriteLine($"bench: {Conditions.Now()} at the start; {(pinned ? "the server on core 0, the bots on core 1" : "not pinned")}.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: server --quiet --tick-rate {options.TickRate:0.##} ({periodMs:0.##} ms a tick); bots fill rooms to the server's cap of {cap} players; " +
            $"each loop and the floor measured {options.PerLoop.TotalSeconds:0.#} s per row, in {options.Slices} slice{(options.Slices == 1 ? "" : "s")} of {slice.TotalSeconds:0.#} s taking turns."));
        output.WriteLine($"bench: the floor sends each room's state (the size the timer loop's bots received) on a timer with no drift, from one process per room of {cap}, on the server's core.");
        output.WriteLine("bench: lateness is a state's arrival minus when its tick was due; drift is how much later the ticks arrive per minute.");
        output.WriteLine();
        output.WriteLine("| players | rooms | loop | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | server CPU | server MiB | bytes/tick |");
        output.WriteLine("|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");

        var notes = new List<string>();
        var p99 = Loops.ToDictionary(l => l, _ => new List<double>());
        var floorP99s = new List<double>();
        double target = double.NaN, targetFloor = double.NaN;
        string floorDescription = "";
        foreach (int n in options.Players)
        {
            if (cancel.IsCancellationRequested) break;
            var lateness = Loops.ToDictionary(l => l, _ => new ScheduleLateness(periodMs));
            var slices = Loops.ToDictionary(l => l, _ => new List<Slice>());
            var floorArrivals = new ScheduleLateness(periodMs);
            var floorSlices = new List<Slice>();
            for (int i = 0; i < options.Slices && !cancel.IsCancellationRequested; i++)
            {
                foreach (TickPacing loop in Loops)
                {
                    string what = $"{n:N0} players, {Word(loop)} loop, slice {i + 1} of {options.Slices}";
                    var (measured, warm) = await MeasureServerAsync(what, n, cap, loop, options, slice, lateness[loop], i * 1000, serverCore, progress, cancel);
                    slices[loop].Add(measured);
                    notes.Add($"warm-up: {what}: {warm}");
                }
                string whatFloor = $"{n:N0} players, floor, slice {i + 1} of {options.Slices}";
                int bytes = Math.Max(8, (int)Math.Round(slices[TickPacing.Timer][^1].BytesPerTick / n));
                var (floorSlice, description, floorWarm) = await MeasureFloorAsync(whatFloor, n, cap, bytes, options, slice, floorArrivals, i * 1000, serverCore, progress, cancel);
                floorSlices.Add(floorSlice);
                floorDescription = description;
                notes.Add($"warm-up: {whatFloor}: {floorWarm}");
            }
            progress.Done();
            int rooms = (n + cap - 1) / cap;
            foreach (TickPacing loop in Loops)
            {
                var (l, drift) = lateness[loop].Finish();
                p99[loop].Add(l.Percentile(99));
                if (n == TargetPlayers && loop == TickPacing.Timer) target = l.Percentile(99);
                output.WriteLine(Row(n, rooms, Word(loop), l, drift, slices[loop]));
            }
            if (floorSlices.Count > 0)
            {
                var (l, drift) = floorArrivals.Finish();
                floorP99s.Add(l.Percentile(99));
                if (n == TargetPlayers) targetFloor = l.Percentile(99);
                output.WriteLine(Row(n, rooms, "floor", l, drift, floorSlices));
            }
        }
        if (floorDescription.Length > 0) output.WriteLine($"bench: the floor is {floorDescription} per room.");

        // One room at its cap, beside the floor: the same bytes to the same number of players on the same schedule.
        output.WriteLine();
        output.WriteLine($"bench: one room at its cap of {cap} players, beside the floor in alternating slices of {slice.TotalSeconds:0.#} s.");
        var room = new ScheduleLateness(periodMs);
        var floor = new ScheduleLateness(periodMs);
        int stateBytes = 0;
        for (int i = 0; i < options.Slices && !cancel.IsCancellationRequested; i++)
        {
            string what = $"one room of {cap}, slice {i + 1} of {options.Slices}";
            var (measured, warm) = await MeasureServerAsync(what, cap, cap, TickPacing.Timer, options, slice, room, i * 1000, serverCore, progress, cancel);
            notes.Add($"warm-up: {what}, timer loop: {warm}");
            stateBytes = Math.Max(8, (int)Math.Round(measured.BytesPerTick / cap));
            (_, floorDescription, warm) = await MeasureFloorAsync(what, cap, cap, stateBytes, options, slice, floor, i * 1000, serverCore, progress, cancel);
            notes.Add($"warm-up: {what}, floor: {warm}");
        }
        progress.Done();
        output.WriteLine($"bench: the floor is {floorDescription}, sending {stateBytes:N0} bytes (the room's state) to each player every tick, on a timer with no drift.");
        output.WriteLine();
        output.WriteLine($"| one room of {cap} | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | p99 vs floor |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        var (floorLateness, floorDrift) = floor.Finish();
        var (roomLateness, roomDrift) = room.Finish();
        foreach (var (name, l, drift) in new[] { ("floor", floorLateness, floorDrift), ("server, timer loop", roomLateness, roomDrift) })
        {
            string ratio = ReferenceEquals(l, floorLateness) ? "(floor)" : string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(99) / floorLateness.Percentile(99):0.00}x");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Ms(l.Percentile(50))} | {Ms(l.Percentile(99))} | {(l.Count >= 1000 ? Ms(l.Percentile(99.9)) : "-")} | {Ms(l.Max)} | {l.Count:N0} | {drift:+0.0;-0.0;0.0} | {ratio} |"));
        }

        output.WriteLine();
        foreach (string note in notes) output.WriteLine(note);
        if (!double.IsNaN(target) && !double.IsNaN(targetFloor))
        {
            double ratio = target / targetFloor;
            output.WriteLine(targetFloor < TargetP99Ms
                ? string.Create(CultureInfo.InvariantCulture, $"bench: target at {TargetPlayers} players, timer loop: p99 lateness under {TargetP99Ms:0} ms: {target:0.00} ms ({(target < TargetP99Ms ? "met" : "NOT met")}; the floor's p99 at {TargetPlayers} players is {targetFloor:0.00} ms).")
                : string.Create(CultureInfo.InvariantCulture, $"bench: target at {TargetPlayers} players, timer loop: the floor's p99 at {TargetPlayers} players is {targetFloor:0.00} ms, over {TargetP99Ms:0} ms on this machine, so the target is a ratio: p99 at most {TargetRatio:0}x the floor's: {ratio:0.00}x ({(ratio <= TargetRatio ? "met" : "NOT met")})."));
        }
        output.WriteLine($"bench: {Conditions.Now()} at the end.");

        if (options.ChartPath is { } chartPath && p99[TickPacing.Timer].Count > 0)
        {
            BenchChart.Lines(chartPath, string.Create(CultureInfo.InvariantCulture, $"Tick lateness against the schedule ({options.TickRate:0.#} ticks/s, log scale)"), "players",
                [.. options.Players.Take(p99[TickPacing.Timer].Count).Select(c => c.ToString("N0", CultureInfo.InvariantCulture))], "p99 lateness (ms)",
                [new Series("seed: sleep a period after each tick", p99[TickPacing.SleepAfterTick]),
                 new Series("ours: PeriodicTimer", p99[TickPacing.Timer]),
                 new Series($"floor (a process per room of {cap})", floorP99s)],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    /// <summary>A fresh server and <paramref name="n"/> bots; warm up until steady; record lateness for <paramref name="duration"/>.</summary>
    private static async Task<(Slice Slice, string WarmUp)> MeasureServerAsync(string what, int n, int roomSize, TickPacing loop, Options options, TimeSpan duration,
        ScheduleLateness into, int streamBase, string? serverCore, Progress progress, CancellationToken cancel)
    {
        progress.Step($"{what}: starting the server, {n:N0} bots joining");
        await using ChildProgram server = ChildProgram.Start(
            ["server", "--port", "0", "--quiet", "--tick-rate", options.TickRate.ToString(CultureInfo.InvariantCulture), "--pacing", Word(loop)], serverCore);
        var endPoint = new IPEndPoint(IPAddress.Loopback, await server.PortAfter("listening on", TimeSpan.FromSeconds(60)));
        await using Players players = await Players.JoinAsync(endPoint, n, roomSize, cancel);

        progress.Step($"{what}: warming up (at least {Progress.Seconds(options.WarmUpAtLeast)})");
        WarmUpReport warm = await WarmUpAsync(players, options, cancel);

        progress.Step($"{what}: measuring ({Progress.Seconds(duration)})");
        TimeSpan cpuBefore = server.ProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await RecordAsync(players, into, streamBase, duration, cancel);
        double cpu = (server.ProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        double memory = (server.Usage()?.ResidentBytes ?? 0) / 1024.0 / 1024;
        return (new Slice(cpu, memory, players.BytesPerTick(n)), warm.Describe("ms"));
    }

    /// <summary>A fresh floor per room of <paramref name="roomSize"/> for <paramref name="n"/> plain TCP players; warm up until steady; record for <paramref name="duration"/>.</summary>
    private static async Task<(Slice Slice, string Description, string WarmUp)> MeasureFloorAsync(string what, int n, int roomSize, int bytes, Options options, TimeSpan duration,
        ScheduleLateness into, int streamBase, string? serverCore, Progress progress, CancellationToken cancel)
    {
        int rooms = (n + roomSize - 1) / roomSize;
        progress.Step($"{what}: the floor, {n:N0} players, a process per room");
        long periodMicroseconds = (long)Math.Round(1e6 / options.TickRate);
        var floors = new List<Floor>();
        var crowds = new List<FloorPlayers>();
        try
        {
            // Started one after another, so each room's schedule has its own phase, as the server's rooms do.
            for (int r = 0; r < rooms; r++)
            {
                floors.Add(await Floor.StartAsync(options.Floor, FloorKind.Ticker, [periodMicroseconds, bytes], serverCore));
                crowds.Add(await FloorPlayers.ConnectAsync(floors[^1].EndPoint, Math.Min(roomSize, n - r * roomSize), bytes, cancel));
            }
            var players = new Crowds(crowds);
            WarmUpReport warm = await WarmUpAsync(players, options, cancel);
            progress.Step($"{what}: measuring the floor ({Progress.Seconds(duration)})");
            TimeSpan cpuBefore = Sum(floors, f => f.Program.ProcessorTime);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await RecordAsync(players, into, streamBase, duration, cancel);
            double cpu = (Sum(floors, f => f.Program.ProcessorTime) - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
            double memory = floors.Sum(f => f.Program.Usage()?.ResidentBytes ?? 0) / 1024.0 / 1024;
            return (new Slice(cpu, memory, (double)bytes * n), floors[0].Description, warm.Describe("ms"));
        }
        finally
        {
            foreach (FloorPlayers crowd in crowds) await crowd.DisposeAsync();
            foreach (Floor floor in floors) await floor.DisposeAsync();
        }
    }

    private static TimeSpan Sum(List<Floor> floors, Func<Floor, TimeSpan> of) => floors.Aggregate(TimeSpan.Zero, (total, f) => total + of(f));

    /// <summary>Warms up until the median lateness of two successive one-second windows agrees.</summary>
    private static Task<WarmUpReport> WarmUpAsync(IArrivals players, Options options, CancellationToken cancel) =>
        WarmUp.UntilSteadyAsync(async c =>
        {
            var window = new ScheduleLateness(1000 / options.TickRate);
            await RecordAsync(players, window, 0, Window, c);
            return window.Finish().Lateness.Percentile(50);
        }, options.WarmUpAtLeast, TimeSpan.FromSeconds(30), absolute: 0.2, cancel: cancel);

    private static async Task RecordAsync(IArrivals players, ScheduleLateness into, int streamBase, TimeSpan duration, CancellationToken cancel)
    {
        players.Record(into, streamBase);
        try { await Task.Delay(duration, cancel); }
        finally { players.StopRecording(); }
    }

    /// <summary>One row of the main table; for the floor, CPU and memory are its processes' together.</summary>
    private static string Row(int n, int rooms, string what, Latency l, double drift, List<Slice> s) => string.Create(CultureInfo.InvariantCulture,
        $"| {n} | {rooms} | {what} | {Ms(l.Percentile(50))} | {Ms(l.Percentile(99))} | {(l.Count >= 1000 ? Ms(l.Percentile(99.9)) : "-")} | {Ms(l.Max)} | {l.Count:N0} | " +
        $"{drift:+0.0;-0.0;0.0} | {s.Average(x => x.CpuPercent):0}% | {s.Max(x => x.MemoryMiB):0} | {s.Average(x => x.BytesPerTick):N0} |");

    private static string Word(TickPacing loop) => loop == TickPacing.Timer ? "timer" : "sleep-after-tick";

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("N2", CultureInfo.InvariantCulture);
}
