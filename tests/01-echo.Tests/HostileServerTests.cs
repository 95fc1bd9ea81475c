using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>
/// The client does not trust its server: whatever answers on the port may send a stream that never ends,
/// garbage, or nothing. The client reads exactly as many bytes as it sent, never more, so its memory stays
/// bounded; and it says in one line, with its own exit code, that this was not an echo.
/// </summary>
public sealed class HostileServerTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "endless line", ClientExitCodes.WrongReply, "127.0.0.1:<port> sent back 5 bytes that are not the 5 we sent: is it an echo server?" },
        { "garbage", ClientExitCodes.WrongReply, "127.0.0.1:<port> sent back 5 bytes that are not the 5 we sent: is it an echo server?" },
        { "silent", ClientExitCodes.TimedOut, "no answer from 127.0.0.1:<port> after 2 s (waiting for the echo)." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_client_ends_in_one_line(string hostile, int exitCode, string expected)
    {
        await using var server = new HostileServer(hostile switch
        {
            "endless line" => HostileServer.EndlessLine(),
            "garbage" => HostileServer.Garbage(),
            _ => HostileServer.Silent(),
        });
        var shown = new Transcript();
        var run = Servers.Client(server.EndPoint, new Log(shown, "client"), timeoutSeconds: 2).RunAsync(["hello"], CancellationToken.None);
        UserError error = await Assert.ThrowsAsync<UserError>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(expected, Transcript.Normalise(error.Message));
        Assert.Equal(exitCode, error.ExitCode);
        Assert.DoesNotContain("received", shown.Raw); // nothing the server sent was shown as an echo
    }
}
