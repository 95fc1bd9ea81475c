using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests.Exercises;

/// <summary>
/// Ready-made checks for the exercises on the chapter page. Each one is skipped until you start the
/// exercise: delete its <c>Skip = ...</c>, then run <c>dotnet test tests/01-echo.Tests --filter Exercise</c>.
/// They drive the real program, so they compile now and pass once your change works.
/// </summary>
public sealed class ExerciseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Skip = "Exercise 1 (retry while the server starts): delete this Skip when you start the exercise")]
    public async Task Exercise1_the_client_retries_until_the_server_is_up()
    {
        // A port nobody listens on yet: the client is started first, as a script starting both at once would.
        int port = UnusedPort();
        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--retry", "40", "hello");
        string? retrying = await LineOrNull(client, line => line.Contains("retrying"));
        Assert.True(retrying is not null,
            $"while nothing listens, the client should print a line with 'retrying' and wait; it printed:\n{client.StandardOutput}{client.StandardError}");

        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", port.ToString());
        Assert.Equal(0, await client.WaitForExitAsync(Patience));
        Assert.Contains("received 5 bytes: hello", client.StandardOutput);

        // With nothing ever listening it gives up after its tries, with the usual refused line and exit code.
        await using var alone = RunningProcess.StartCourseProgram("echo", "client", "--port", UnusedPort().ToString(), "--retry", "2", "hi");
        Assert.Equal(ClientExitCodes.Refused, await alone.WaitForExitAsync(Patience));
        Assert.Equal(2, alone.StandardOutput.Split('\n').Count(line => line.Contains("retrying")));
        Assert.Contains("connection refused", alone.StandardError);
    }

    [Fact(Skip = "Exercise 2 (Unix domain sockets): delete this Skip when you start the exercise")]
    public async Task Exercise2_server_and_client_talk_over_a_unix_domain_socket()
    {
        string path = Path.Combine(Path.GetTempPath(), $"echo-{Guid.NewGuid():N}.sock");
        try
        {
            await using var server = RunningProcess.StartCourseProgram("echo", "server", "--unix", path);
            await server.WaitForLineAsync(line => line.Contains("listening"), Patience);

            await using var client = RunningProcess.StartCourseProgram("echo", "client", "--unix", path, "over a file");
            Assert.Equal(0, await client.WaitForExitAsync(Patience));
            Assert.Contains("received 11 bytes: over a file", client.StandardOutput);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Skip = "Exercise 3 (timing round trips): delete this Skip when you start the exercise")]
    public async Task Exercise3_the_client_times_repeated_round_trips()
    {
        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", "0");
        int port = await PortFrom(server);

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--repeat", "5", "tick");
        Assert.Equal(0, await client.WaitForExitAsync(Patience));
        Assert.Equal(5, client.StandardOutput.Split('\n').Count(line => line.Contains("received 4 bytes: tick")));
        Assert.Matches(@"round trips: 5, min [\d.]+ µs, median [\d.]+ µs, max [\d.]+ µs", client.StandardOutput);
    }

    /// <summary>A loopback port that nothing listens on right now.</summary>
    private static int UnusedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The first output line that matches, or null if the program ends or time runs out first.</summary>
    private static async Task<string?> LineOrNull(RunningProcess program, Func<string, bool> match)
    {
        try
        {
            return await program.WaitForLineAsync(match, Patience);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<int> PortFrom(RunningProcess server)
    {
        string bound = await server.WaitForLineAsync(line => line.StartsWith("server: bound to"), Patience);
        return int.Parse(bound[(bound.LastIndexOf(':') + 1)..]);
    }
}
