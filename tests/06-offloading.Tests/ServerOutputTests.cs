using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Course.Testing;
using Xunit;

namespace Offloading.Tests;

/// <summary>
/// What the server verb prints in each mode, as the chapter's page shows it: the page's own command (on a
/// free port), one player in the room until the first tick report, then the player leaves and Ctrl+C.
/// </summary>
/// <remarks>
/// The figures of a tick report depend on the machine and its load, so they become placeholders like
/// ports and durations; what stays is which lines come, in which order, and what they say.
/// </remarks>
public sealed partial class ServerOutputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Offload_none_reports_its_ticks() => Snapshot.Match(await RunServer("none"));

    [Fact]
    public async Task Offload_thread_reports_its_ticks() => Snapshot.Match(await RunServer("thread"));

    [Fact]
    public async Task Offload_process_replaces_a_killed_worker_and_reports_its_ticks() =>
        Snapshot.Match(await RunServer("process", killWorker: true));

    /// <summary>Runs the server verb as the page does and returns its output, normalised (Snapshooter wants Match in the test method itself).</summary>
    private static async Task<string> RunServer(string mode, bool killWorker = false)
    {
        await using RunningProcess server = RunningProcess.StartCourseProgram("offloading", "server", "--offload", mode, "--port", "0");
        string ready = await server.WaitForLineAsync(l => l.Contains("listening on"), Patience);
        await server.WaitForLineAsync(l => l.Contains("open the page to start a room"), Patience);

        using var player = new ClientWebSocket();
        await player.ConnectAsync(new Uri($"ws://{Address().Match(ready).Groups[1].Value}/connect?room=lobby&name=me"), CancellationToken.None);
        await server.WaitForLineAsync(l => l.Contains("loop started"), Patience);
        // Read what the room sends, as the page would, so the server never waits on a player who does not read.
        using var leave = new CancellationTokenSource();
        Task reading = Drain(player, leave.Token);

        if (killWorker)
        {
            // What the page asks you to do with pgrep and kill -9, done to the worker the log named.
            int worker = int.Parse(WorkerId().Match(server.StandardOutput).Groups[1].Value);
            using (var process = Process.GetProcessById(worker)) process.Kill();
            await server.WaitForLineAsync(l => l.Contains($"worker {worker} exited"), Patience);
            await server.WaitForLineAsync(l => l.Contains("started"), Patience);
        }
        await server.WaitForLineAsync(l => l.Contains("ticks:"), Patience); // the first report, after 5 s of ticks

        await player.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await server.WaitForLineAsync(l => l.Contains("room closed"), Patience);
        leave.Cancel();
        await reading;
        server.Interrupt();
        int code = await server.WaitForExitAsync(Patience);
        Assert.True(code == 0, $"exit code {code}\n{server.StandardOutput}\n{server.StandardError}");

        string output = Transcript.Normalise(server.StandardOutput);
        output = Pid().Replace(output, "worker <pid>");
        output = Figure().Replace(output, m => $"{m.Groups[1].Value}<n>");
        // Why the pump saw the worker die depends on where it was (writing a board: a broken pipe; reading a
        // plan: the end of the stream); the exit code is the kill's.
        output = PipeError().Replace(output, "$1<the pipe error>;");
        return $"$ dotnet run --project chapters/06-offloading -- server --offload {mode}\n{output}";
    }

    private static async Task Drain(ClientWebSocket player, CancellationToken leave)
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (player.State == WebSocketState.Open || player.State == WebSocketState.CloseSent)
            {
                WebSocketReceiveResult result = await player.ReceiveAsync(buffer, leave);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    [GeneratedRegex(@"http://([^/]+)/")]
    private static partial Regex Address();

    [GeneratedRegex(@"worker (\d+) started")]
    private static partial Regex WorkerId();

    [GeneratedRegex(@"worker \d+")]
    private static partial Regex Pid();

    // "ticks 50: ... missed 12, plans used 3, plan age 4 ticks": the first report is always at tick 50; the
    // other counts depend on the machine.
    [GeneratedRegex(@"\b(missed |plans used |plan age )\d+")]
    private static partial Regex Figure();

    [GeneratedRegex(@"(exited with code \d+: )[^;]*;")]
    private static partial Regex PipeError();
}
