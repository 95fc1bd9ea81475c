using Course.Testing;

namespace Agar.Tests;

/// <summary>The program as a user runs it: real process, real output, bounded waits.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task The_headless_demo_prints_the_leaderboard_every_second_and_writes_a_png()
    {
        string png = Path.Combine(Path.GetTempPath(), $"agar-demo-{Guid.NewGuid():N}.png");
        await using var demo = RunningProcess.StartCourseProgram("agar", "demo", "--offline", "--seconds", "2", "--bots", "12", "--seed", "7", "--headless", "--screenshot", png);
        int code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(2, CountLines(demo.StandardOutput, "after "));
            Assert.Contains(" 10. ", demo.StandardOutput);
            Assert.True(new FileInfo(png).Length > 1000);
            // The simulation counts ticks, not clock time, so a seed prints the same leaderboards on any
            // machine; only the PNG's path and size (the PNG encoder's business) are normalised.
            string output = demo.StandardOutput.Replace(png, "<png>");
            output = System.Text.RegularExpressions.Regex.Replace(output, @"\d+ bytes\)", "<n> bytes)");
            Snapshot.Match(output);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public async Task The_networked_demo_runs_a_server_and_bots_over_udp_headless_and_exits_0()
    {
        string png = Path.Combine(Path.GetTempPath(), $"agar-net-demo-{Guid.NewGuid():N}.png");
        await using var demo = RunningProcess.StartCourseProgram("agar", "demo", "--seconds", "3", "--bots", "6", "--headless", "--screenshot", png);
        int code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(90));
        try
        {
            string story = demo.StandardOutput + demo.StandardError;
            Assert.True(code == 0, story);
            Assert.Contains("6 bots joined over UDP", story);
            Assert.True(CountLines(demo.StandardOutput, "after ") >= 2, story);
            Assert.Contains("KB/s per client", story);
            Assert.True(new FileInfo(png).Length > 1000);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public async Task The_lab_prints_its_address_serves_its_page_there_and_stops_on_ctrl_c()
    {
        await using var lab = RunningProcess.StartCourseProgram("agar", "lab", "--preset", "loss");
        string line = await lab.WaitForLineAsync(l => l.StartsWith("lab: open http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        string url = line.Split(' ')[2];
        using (var http = new HttpClient())
        {
            Assert.Contains("<title>Netcode lab", await http.GetStringAsync(url));
            Assert.Contains("requestAnimationFrame", await http.GetStringAsync(url + "lab.js"));
        }
        lab.Interrupt();
        Assert.Equal(0, await lab.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Client 2 joined", lab.StandardOutput);
        Assert.Contains("lab: stopping (Ctrl+C)", lab.StandardOutput);
        Assert.Equal("", lab.StandardError);
    }

    [Theory]
    [InlineData("error: --clients must be a whole number between 2 and 3, not '4'.", "lab", "--clients", "4")]
    [InlineData("error: --lag must be a number between 0 and 5000, not '-5'.", "client", "--lag", "-5")]
    [InlineData("error: no answer from 127.0.0.1:1 within 5 s: is the server running?", "client", "--port", "1")]
    [InlineData("error: --bots must be a whole number between 0 and 2000, not '-1'.", "demo", "--offline", "--bots", "-1")]
    public async Task A_user_error_is_one_line(string expected, params string[] arguments)
    {
        await using var program = RunningProcess.StartCourseProgram("agar", arguments);
        int code = await program.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Equal(expected, program.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim());
    }

    [Fact]
    public async Task A_taken_port_for_the_lab_page_is_one_line()
    {
        using var taken = new TakenPort();
        int port = taken.Port;
        await using var lab = RunningProcess.StartCourseProgram("agar", "lab", "--port", port.ToString());
        Assert.Equal(1, await lab.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal($"error: port {port} is in use: stop the other program or pick another --port (0: any free one).\n", lab.StandardError);
    }

    [Fact]
    public async Task An_unknown_preset_is_one_line_that_lists_the_stops()
    {
        // Built from the tour rather than written out: a stop added to the tour (exercise 8) is listed too.
        string stops = string.Join(", ", Agar.Lab.Preset.Slugs.SkipLast(1)) + " or " + Agar.Lab.Preset.Slugs[^1];
        await A_user_error_is_one_line($"error: --preset must be {stops}, not 'fast'.", "lab", "--preset", "fast");
    }

    private static int CountLines(string text, string prefix) =>
        text.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
