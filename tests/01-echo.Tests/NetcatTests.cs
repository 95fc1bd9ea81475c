using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>A client nobody here wrote: OpenBSD netcat.</summary>
public sealed class NetcatTests
{
    [NeedsProgramFact("nc", "sudo apt-get install netcat-openbsd")]
    public async Task A_line_piped_through_nc_comes_back()
    {
        await using LoopbackServer server = await Servers.StartEcho(Log.Null);
        // -N: shut down our sending side at the end of standard input, so the server sees end of stream,
        // closes, and nc exits.
        ExternalProgram.Result nc = await ExternalProgram.RunAsync("nc",
            ["-N", "127.0.0.1", server.EndPoint.Port.ToString()], "hello from nc\n", TimeSpan.FromSeconds(15));
        Assert.Equal(0, nc.ExitCode);
        Assert.Equal("hello from nc\n", nc.StandardOutput);
    }
}
