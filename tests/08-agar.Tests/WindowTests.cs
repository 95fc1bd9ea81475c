using System.Globalization;
using System.Net;
using Agar.Game;
using Agar.Net;
using Agar.Tests.Net;
using Course.Testing;
using SkiaSharp;

namespace Agar.Tests;

/// <summary>
/// The real SDL2 window, on a virtual X display (Xvfb), as a client of a real server: open it, hold the
/// right arrow, press Escape, and look at a screenshot. CI installs xvfb, xdotool, imagemagick (for `import`) and libsdl2-2.0-0.
/// </summary>
public sealed class WindowTests
{
    /// <summary>
    /// Drives the window like a player, waiting for what it needs rather than for fixed times: on a loaded
    /// machine the client may spend seconds drawing its first frame, and a key pressed and released
    /// between two of its frames never steers. So Right stays held until the test, watching the server,
    /// writes the file "moved" (or 45 s pass); every wait is bounded.
    /// </summary>
    private const string Script = """
        set -u
        "$3" "$1" client --port "$4" --name Tester >"$2/client.log" 2>&1 &
        pid=$!
        wid=$(timeout 60 xdotool search --sync --onlyvisible --name "Agar" | head -1)
        if [ -z "$wid" ]; then echo "no window appeared"; kill $pid; cat "$2/client.log"; exit 3; fi
        timeout 10 xdotool windowfocus --sync "$wid" || echo "the window did not take the keyboard focus"
        xdotool keydown Right
        for i in $(seq 450); do
          if [ -e "$2/moved" ] || ! kill -0 $pid 2>/dev/null; then break; fi
          sleep 0.1
        done
        xdotool keyup Right
        [ -e "$2/moved" ] || echo "Right was held and the server never saw the player move right"
        import -window root "$2/screen.png"
        xdotool key Escape
        timeout 45 tail --pid=$pid -f /dev/null || { echo "the client still runs 45 s after Escape"; kill $pid; }
        wait $pid; echo "client exit $?"
        """;

    /// <summary>How far right the server must see the player go before the script lets go of the key.</summary>
    private const double ServerMove = 100;

    [NeedsProgramFact("xvfb-run", "sudo apt-get install -y xvfb xdotool imagemagick libsdl2-2.0-0")]
    public async Task The_window_opens_draws_the_game_and_answers_the_keyboard()
    {
        foreach (string tool in new[] { "xdotool", "import" })
            Assert.True(ExternalProgram.Find(tool) is not null, $"needs '{tool}': sudo apt-get install -y xdotool imagemagick");
        string folder = Directory.CreateTempSubdirectory("agar-window-").FullName;
        try
        {
            string script = Path.Combine(folder, "run.sh");
            await File.WriteAllTextAsync(script, Script);
            string dll = Path.Combine(AppContext.BaseDirectory, "agar.dll");
            // The server runs in this test process; the window is another process that joins it over UDP.
            await using var server = new AgarServer(new WorldSettings { Seed = 3 });
            await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
            Task<ExternalProgram.Result> run = ExternalProgram.RunAsync("xvfb-run",
                ["-a", "-s", "-screen 0 1280x720x24", "bash", script, dll, folder, RunningProcess.DotnetHost(), server.EndPoint.Port.ToString(CultureInfo.InvariantCulture)],
                "", TimeSpan.FromSeconds(240));
            await TellWhenMovedRight(server, run, Path.Combine(folder, "moved"));
            var result = await run;
            string log = File.Exists(Path.Combine(folder, "client.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "client.log")) : "";
            string story = $"{result.StandardOutput}{result.StandardError}\nclient.log:\n{log}";

            Assert.True(result.StandardOutput.Contains("client exit 0"), $"the client did not quit on Escape\n{story}");   // Escape reached the window
            Assert.True(DistinctColours(Path.Combine(folder, "screen.png")) > 8, $"the window looks blank\n{story}");

            // The client reports where you started and ended: holding Right moved you right.
            double start = PositionX(log, "client: you start at ("), end = PositionX(log, "client: you end at (");
            Assert.True(end > start + 50, $"expected to move right, went from x={start} to x={end}\n{story}");
            // And the server saw the window's player come and go.
            // The goodbye may still be on its way when the client's process has ended.
            await TestServer.Eventually(() => server.Read(_ => server.Counters.Left) == 1, $"the server saw the window leave\n{story}");
            Assert.Equal(1, server.Read(_ => server.Counters.Joined));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [NeedsProgramFact("xvfb-run", "sudo apt-get install -y xvfb libsdl2-2.0-0")]
    public async Task The_networked_demo_opens_its_window_on_the_main_thread_and_plays()
    {
        // A window opened on any thread but the main one throws (macOS allows no other; the check is the
        // same on every OS), so the demo finishing cleanly under a display is the proof.
        string png = Path.Combine(Path.GetTempPath(), $"agar-window-demo-{Environment.ProcessId}.png");
        var result = await ExternalProgram.RunAsync("xvfb-run",
            ["-a", "-s", "-screen 0 1280x720x24", RunningProcess.DotnetHost(), Path.Combine(AppContext.BaseDirectory, "agar.dll"),
             "demo", "--seconds", "3", "--bots", "4", "--screenshot", png],
            "", TimeSpan.FromSeconds(120));
        string story = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0, $"the demo failed:\n{story}");
        Assert.Contains("opening your window", result.StandardOutput);
        Assert.DoesNotContain("main thread", story);
        File.Delete(png);
    }

    /// <summary>
    /// Watches the server while the script holds Right, and writes <paramref name="signal"/> once the window's
    /// player is <see cref="ServerMove"/> right of where it joined: the key was seen, sent and applied.
    /// </summary>
    private static async Task TellWhenMovedRight(AgarServer server, Task run, string signal)
    {
        double? joinedAt = null;
        while (!run.IsCompleted)
        {
            double? x = server.Read(room => room.World.Players.FirstOrDefault()?.Position.X);
            joinedAt ??= x;
            if (x > joinedAt + ServerMove)
            {
                await File.WriteAllTextAsync(signal, "");
                return;
            }
            await Task.WhenAny(run, Task.Delay(50));
        }
    }

    private static int DistinctColours(string png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException($"{png} is not a PNG");
        var colours = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += 7)
            for (int x = 0; x < bitmap.Width; x += 7)
                colours.Add(bitmap.GetPixel(x, y));
        return colours.Count;
    }

    private static double PositionX(string log, string prefix)
    {
        string line = log.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no line starting '{prefix}' in:\n{log}");
        return double.Parse(line[prefix.Length..].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
