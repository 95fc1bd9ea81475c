using System.Net;
using System.Net.Sockets;
using Course.Cli;
using System.Text.RegularExpressions;
using Course.Testing;

namespace Echo.Tests.Exercises;

/// <summary>
/// Ready-made checks for the exercises on the chapter page. Each one is skipped until you start the
/// exercise: delete its <c>Skip = ...</c>, then run <c>dotnet test tests/01-echo.Tests --filter Exercise</c>.
/// They drive the real program, so they compile now and pass once your change works. Each checks only
/// what the exercise's text on the page promises, and fails at once (not after a wait) while the work
/// is not done.
/// </summary>
public sealed partial class ExerciseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Skip = "Exercise 1 (retry while the server starts): delete this Skip when you start the exercise")]
    public async Task Exercise1_the_client_retries_until_the_server_is_up()
    {
        // A port nobody listens on yet: the client is started first, as a script starting both at once would.
        int port = UnusedPort();
        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--retry", "40", "hello");
        string? first = await LineOrNull(client, line => line.Contains("retrying"));
        Assert.True(first == "client: refused, retrying in 0.5 s (attempt 1 of 40)",
            $"while nothing listens, the client started with --retry 40 should print 'client: refused, retrying in 0.5 s (attempt 1 of 40)' " +
            $"and wait; it printed:\n{client.StandardOutput}{client.StandardError}");

        // The server comes up: the next attempt connects, and the echo works as without --retry.
        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", port.ToString());
        Assert.True(await client.WaitForExitAsync(Patience) == 0,
            $"once the server listens, the client should connect on its next attempt, get its echo and exit 0; it printed:\n{client.StandardOutput}{client.StandardError}");
        Assert.Contains("received 5 bytes: hello", client.StandardOutput);

        // With nothing ever listening it tries N more times, in order, then gives up as a client without
        // --retry does: the refused line and exit code 10.
        await using var alone = RunningProcess.StartCourseProgram("echo", "client", "--port", UnusedPort().ToString(), "--retry", "2", "hi");
        int code = await alone.WaitForExitAsync(Patience);
        string[] retries = [.. alone.StandardOutput.Split('\n').Where(line => line.Contains("retrying"))];
        Assert.True(retries.SequenceEqual(["client: refused, retrying in 0.5 s (attempt 1 of 2)", "client: refused, retrying in 0.5 s (attempt 2 of 2)"]),
            $"with --retry 2 and no server, the client should retry exactly twice, attempts 1 and 2 of 2 in that order; it printed:\n{alone.StandardOutput}");
        Assert.True(code == ClientExitCodes.Refused && alone.StandardError.Contains("connection refused"),
            $"after its last retry the client should give up with the usual 'connection refused' line and exit code {ClientExitCodes.Refused}; " +
            $"it exited {code} with:\n{alone.StandardError}");
    }

    [Fact(Skip = "Exercise 2 (Unix domain sockets): delete this Skip when you start the exercise")]
    public async Task Exercise2_server_and_client_talk_over_a_unix_domain_socket()
    {
        string folder = Directory.CreateTempSubdirectory("echo-unix-").FullName;
        string path = Path.Combine(folder, "echo.sock");
        try
        {
            // A socket file left behind by a server that died without deleting it (.NET deletes the file of
            // a socket it closes, so the test moves the file away first): the new server replaces it.
            using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                crashed.Bind(new UnixDomainSocketEndPoint(path + ".tmp"));
                File.Move(path + ".tmp", path);
            }
            Assert.True(File.Exists(path), "the test's premise: a socket file with no server behind it");

            await using var server = RunningProcess.StartCourseProgram("echo", "server", "--unix", path);
            await Started(server, line => line.Contains("listening"), $"the server started with --unix {path} (over a leftover socket file) should print its 'listening' line");

            // Clients are served one after the other, as over TCP.
            foreach (string message in new[] { "over a file", "and again" })
            {
                await using var client = RunningProcess.StartCourseProgram("echo", "client", "--unix", path, message);
                int code = await client.WaitForExitAsync(Patience);
                Assert.True(code == 0 && client.StandardOutput.Contains($"received {message.Length} bytes: {message}"),
                    $"client --unix {path} '{message}' should get its echo and exit 0; it exited {code}:\n{client.StandardOutput}{client.StandardError}");
            }

            // Stopped with Ctrl+C, the server deletes its socket file.
            server.Interrupt();
            await server.WaitForExitAsync(Patience);
            Assert.False(File.Exists(path), "a server stopped with Ctrl+C should delete its socket file");

            // A path that is not a socket is never deleted: the server refuses it with one line.
            File.WriteAllText(path, "precious");
            await using var careful = RunningProcess.StartCourseProgram("echo", "server", "--unix", path);
            int? refused = await ExitCodeOrNull(careful, TimeSpan.FromSeconds(10));
            Assert.True(refused is not (null or 0) && File.Exists(path) && File.ReadAllText(path) == "precious",
                $"server --unix on a path that is an ordinary file should refuse with an error (exit code not 0) and leave the file alone; " +
                $"it {(refused is null ? "was still running after 10 s" : $"exited {refused}")}:\n{careful.StandardOutput}{careful.StandardError}");
            Assert.True(careful.StandardError.Trim().Split('\n').Length == 1 && careful.StandardError.Contains(path),
                $"the refusal should be one line that names the path; it was:\n{careful.StandardError}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Skip = "Exercise 3 (timing round trips): delete this Skip when you start the exercise")]
    public async Task Exercise3_the_client_times_repeated_round_trips()
    {
        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", "0");
        int port = await PortFrom(server);

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--repeat", "3", "tick", "tock");
        int code = await client.WaitForExitAsync(Patience);
        Assert.True(code == 0, $"client --repeat 3 tick tock should exit 0; it exited {code}:\n{client.StandardOutput}{client.StandardError}");

        // Each message N times, the first message's round trips first; then one summary line, last.
        string[] lines = [.. client.StandardOutput.Split('\n').Where(l => l.Contains("received") || l.Contains("round trips"))];
        string[] expected =
        [
            "client: received 4 bytes: tick", "client: received 4 bytes: tick", "client: received 4 bytes: tick",
            "client: received 4 bytes: tock", "client: received 4 bytes: tock", "client: received 4 bytes: tock",
        ];
        Assert.True(lines.Length == 7 && lines[..6].SequenceEqual(expected),
            $"--repeat 3 with two messages should echo 'tick' three times, then 'tock' three times, then print the summary; it printed:\n{client.StandardOutput}");
        Match summary = Summary().Match(lines[6]);
        Assert.True(summary.Success, $"the last line should be 'round trips: 6, min A µs, median B µs, max C µs' (6 = 2 messages x 3); it was: {lines[6]}");
        double min = double.Parse(summary.Groups["min"].Value, System.Globalization.CultureInfo.InvariantCulture);
        double median = double.Parse(summary.Groups["median"].Value, System.Globalization.CultureInfo.InvariantCulture);
        double max = double.Parse(summary.Groups["max"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(0 < min && min <= median && median <= max, $"min, median and max should be positive and in that order: {lines[6]}");

        // --repeat counts round trips: zero is a mistake on the command line (one line, exit code 2).
        await using var zero = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--repeat", "0", "tick");
        int refused = await zero.WaitForExitAsync(Patience);
        Assert.True(refused == 2 && zero.StandardError.Contains("--repeat"),
            $"client --repeat 0 should be refused as a usage error (exit code 2, a line naming --repeat); it exited {refused}:\n{zero.StandardError}");
    }

    [GeneratedRegex(@"^client: round trips: 6, min (?<min>\d+(\.\d+)?) µs, median (?<median>\d+(\.\d+)?) µs, max (?<max>\d+(\.\d+)?) µs$")]
    private static partial Regex Summary();

    /// <summary>A loopback port that nothing listens on right now.</summary>
    private static int UnusedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The first output line that matches, or null if the program ends first.</summary>
    private static async Task<string?> LineOrNull(RunningProcess program, Func<string, bool> match)
    {
        try
        {
            return await program.WaitForLineAsync(match, Patience);
        }
        catch (InvalidOperationException)
        {
            return null; // it ended without such a line: for instance, it did not know the option
        }
    }

    /// <summary>The exit code, or null if the program is still running after <paramref name="wait"/>.</summary>
    private static async Task<int?> ExitCodeOrNull(RunningProcess program, TimeSpan wait)
    {
        try
        {
            return await program.WaitForExitAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Waits for a program's line; if the program ends first, that is the failure, said in words.</summary>
    private static async Task Started(RunningProcess program, Func<string, bool> match, string expectation)
    {
        if (await LineOrNull(program, match) is null)
            Assert.Fail($"{expectation}; it ended first:\n{program.StandardOutput}{program.StandardError}");
    }

    private static async Task<int> PortFrom(RunningProcess server)
    {
        string bound = await server.WaitForLineAsync(line => line.StartsWith("server: bound to"), Patience);
        return int.Parse(bound[(bound.LastIndexOf(':') + 1)..]);
    }
}
