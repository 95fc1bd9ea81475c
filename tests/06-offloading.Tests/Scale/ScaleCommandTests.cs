using System.Text.RegularExpressions;
using Course.Testing;
using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>
/// The <c>scale</c> verb as a user runs it: its output (the page shows this snapshot), Ctrl+C, and a
/// missing program. Each run must leave no process behind: every pid it printed is checked.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed partial class ScaleCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [NeedsScaleOutFact]
    public async Task The_demo_shows_chat_crossing_servers_then_stops_everything()
    {
        await using RunningProcess demo = RunningProcess.StartCourseProgram("offloading", "scale", "--port", "0", "--seconds", "1");
        int code = await demo.WaitForExitAsync(Limit);
        Assert.True(code == 0, $"exit code {code}\n{demo.StandardOutput}\n{demo.StandardError}");
        AssertAllGone(demo.StandardOutput);
        Snapshot.Match(Normalise(demo.StandardOutput));
    }

    [NeedsScaleOutFact]
    public async Task Ctrl_c_stops_every_process_it_started()
    {
        // SIGINT to the demo alone, not to its process group: it must stop its children itself.
        await using RunningProcess demo = RunningProcess.StartCourseProgram("offloading", "scale", "--port", "0", "--servers", "3", "--seconds", "600");
        await demo.WaitForLineAsync(l => l.Contains("all up"), Limit);
        demo.Interrupt();
        int code = await demo.WaitForExitAsync(Limit);
        Assert.True(code == 0, $"exit code {code}\n{demo.StandardOutput}\n{demo.StandardError}");
        Assert.Contains("scale: Ctrl+C", demo.StandardOutput);
        Assert.Equal(5, AssertAllGone(demo.StandardOutput)); // redis-server, three servers, haproxy
    }

    [Fact]
    public async Task A_missing_program_is_one_line_with_the_install_command()
    {
        await using RunningProcess demo = RunningProcess.StartCourseProgram("offloading", "scale", "--haproxy", "/nowhere/haproxy");
        Assert.Equal(1, await demo.WaitForExitAsync(Limit));
        Assert.Equal("error: haproxy not found at /nowhere/haproxy; install it with: sudo apt-get install haproxy redis-server\n", demo.StandardError);
        Assert.Equal("", demo.StandardOutput); // checked before anything starts
    }

    [NeedsScaleOutFact]
    public async Task A_taken_port_is_one_line_before_anything_starts()
    {
        using var taken = new TakenPort();
        int port = taken.Port;
        await using RunningProcess demo = RunningProcess.StartCourseProgram("offloading", "scale", "--port", port.ToString());
        Assert.Equal(1, await demo.WaitForExitAsync(Limit));
        Assert.Equal($"error: port {port} is in use: stop the other server or pick another --port.\n", demo.StandardError);
        Assert.Equal("", demo.StandardOutput);
    }

    [Fact]
    public async Task Only_two_or_three_servers()
    {
        await using RunningProcess demo = RunningProcess.StartCourseProgram("offloading", "scale", "--servers", "4");
        Assert.Equal(2, await demo.WaitForExitAsync(Limit));
        Assert.Equal("error: --servers must be a whole number between 2 and 3, not '4'.\n", demo.StandardError);
    }

    /// <summary>Every "(pid N)" the demo printed belongs to a process that has exited; returns how many.</summary>
    private static int AssertAllGone(string output)
    {
        int[] pids = [.. Pid().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).Distinct()];
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.True(ScaleOutTests.Gone(pid), $"process {pid} is still running\n{output}"));
        return pids.Length;
    }

    private static string Normalise(string output) => Pid().Replace(Transcript.Normalise(output), "(pid <pid>)");

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex Pid();
}
