using Course.Cli;
using Course.Testing;
using Offloading.Offload;
using Snake.Game;
using Xunit;

namespace Offloading.Tests;

/// <summary>
/// The worker is another program, and the server reads what it writes: bytes it does not trust. A worker
/// that writes garbage, or a frame header that announces 2 GiB, is refused before anything is allocated,
/// logged in one line, and replaced, and the game never stops ticking. The fake workers are two-line
/// shell scripts: whatever a real worker could write, they write.
/// </summary>
public sealed class WorkerProtocolTests
{
    private static readonly GameRules Rules = new() { Width = 40, Height = 30 };

    public static TheoryData<string, string, string> Workers => new()
    {
        // The 4-byte big-endian length, then (for the last) a body that is not a pickle.
        { "a header of 2 GiB", @"\200\000\000\000", "frame length -2147483648 is out of range" },
        { "a header of 2 GiB less one byte", @"\177\377\377\377", "frame length 2147483647 is out of range" },
        { "a header of 1 GiB", @"\100\000\000\000", "frame length 1073741824 is out of range" },
        { "garbage in a well-formed frame", @"\000\000\000\010garbage!", "PickleFormatException" },
    };

    [NeedsProgramTheory("sh", "apt-get install dash")]
    [MemberData(nameof(Workers))]
    public async Task A_worker_that_writes_what_it_should_not_is_replaced_and_the_game_keeps_ticking(string worker, string writes, string logged)
    {
        _ = worker; // the case's name, for the test list
        var log = new Transcript();
        // Reads nothing, writes its bytes at once, then waits (so it has to be killed, not found dead).
        var fake = new WorkerLaunch(ExternalProgram.Find("sh")!, ["-c", $"printf '{writes}'; exec sleep 60"]);
        var plans = new ProcessPlans(fake, TimeSpan.FromSeconds(10), new Log(log, "planner"));
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var arena = new Arena(Rules, 6, 4, plans, 20, TimeProvider.System, Log.Null);
        arena.Start();

        await OffloadTests.WaitFor(() => plans.Restarts >= 2, "two workers replaced:\n" + log.Raw);
        long ticks = arena.Ticks;
        await OffloadTests.WaitFor(() => arena.Ticks >= ticks + 10, "ten more ticks");
        Assert.Null(arena.Fault);
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - heapBefore < 64 * 1024 * 1024, "the server allocated what the worker announced");

        string[] failures = [.. log.Raw.Split('\n').Where(l => l.Contains(" killed: ") || l.Contains(" exited "))];
        Assert.True(failures.Length >= 2, log.Raw);
        Assert.All(failures, line => Assert.Contains(logged, line));
        Assert.DoesNotContain("   at ", log.Raw); // one line each, no stack trace
    }
}
