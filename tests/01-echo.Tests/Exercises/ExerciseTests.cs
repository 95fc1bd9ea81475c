using System.Net.Sockets;
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

    [Fact(Skip = "Exercise 1 (idle timeout): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_silent_client_is_dropped_after_the_idle_timeout()
    {
        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", "0", "--idle-timeout", "1");
        int port = await PortFrom(server);

        // The silent client connects and says nothing: without the timeout it would hold the server forever.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await silent.ConnectAsync("127.0.0.1", port);
        await server.WaitForLineAsync(line => line.Contains("connected by"), Patience);

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port.ToString(), "--timeout", "10", "hello");
        Assert.Equal(0, await client.WaitForExitAsync(Patience));
        Assert.Contains("received 5 bytes: hello", client.StandardOutput);

        // The silent client was closed by the server: reading gives end of stream.
        byte[] buffer = new byte[1];
        Assert.Equal(0, await silent.ReceiveAsync(buffer).WaitAsync(Patience));
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

    private static async Task<int> PortFrom(RunningProcess server)
    {
        string bound = await server.WaitForLineAsync(line => line.StartsWith("server: bound to"), Patience);
        return int.Parse(bound[(bound.LastIndexOf(':') + 1)..]);
    }
}
