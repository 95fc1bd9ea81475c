using System.CommandLine;
using System.Diagnostics;
using Course.Cli;
using Snake.Loop;

namespace GameLoop;

/// <summary>
/// The picture of time on chapter 05's page: the real <see cref="TickLoop"/>, paced both ways, each tick
/// doing 12 ms of work. With sleep-after-tick every period is 50 ms plus the tick, so the ticks slide
/// further behind their due times; with the timer each tick starts on time, and the work only shortens
/// the wait that follows it.
/// </summary>
internal static class Timeline
{
    private const int Ticks = 10;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(12);

    /// <summary>The hidden <c>trace</c> verb: writes the trace the page's figure is drawn from (.ci/trace).</summary>
    public static Command Create() =>
        new Command("trace", "Record ten ticks paced each way, for the timeline on the chapter's page") { Hidden = true }
            .WithAction(async (_, cancel) =>
            {
                Console.Out.Write(await RecordAsync(cancel));
                return ExitCodes.Success;
            });

    public static async Task<string> RecordAsync(CancellationToken cancel)
    {
        var trace = new TimeTrace("Ten ticks of 12 ms of work, one every 50 ms: sleeping after each tick against a timer")
            .Panel("sleep", "Sleep 50 ms after each tick (the seed's way): the loop drifts")
            .Panel("timer", "PeriodicTimer: tick n starts n × 50 ms after the start (dashed lines)")
            .SharedAxis();
        await RunAsync(trace, "sleep", TickPacing.SleepAfterTick, cancel);
        await RunAsync(trace, "timer", TickPacing.Timer, cancel);
        return trace.Write();
    }

    private static async Task RunAsync(TimeTrace trace, string panel, TickPacing pacing, CancellationToken cancel)
    {
        string lane = $"{panel}/ticks";
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long start = 0;
        long periodTicks = (long)(Period.TotalSeconds * Stopwatch.Frequency);
        var loop = new TickLoop(Period, TimeProvider.System, (number, _) =>
        {
            long began = Stopwatch.GetTimestamp();
            trace.Due(lane, start + number * periodTicks);
            // The tick's work: the CPU is busy, as it would be stepping a big game.
            while (Stopwatch.GetElapsedTime(began) < Work) Thread.SpinWait(100);
            trace.Span(lane, began, $"tick {number}");
            if (number == Ticks) finished.TrySetResult();
            return ValueTask.CompletedTask;
        }, onFault: e => finished.TrySetException(e), Log.Null, pacing);
        trace.Mark(lane, "start");
        start = Stopwatch.GetTimestamp(); // after the mark: its first call may wait for the JIT
        loop.Start();
        try
        {
            await finished.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        }
        finally
        {
            await loop.StopAsync();
        }
    }
}
