using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Course.Cli;

namespace Chat;

/// <summary>
/// A chat server in a child process, so the bench can read its memory alone (not mixed with the
/// thousands of client sockets the bench itself holds) from the operating system.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<ServerProcess> StartAsync(params string[] serverArguments)
    {
        ProcessStartInfo start = ThisProgram.StartInfo(typeof(ServerProcess).Assembly, serverArguments);
        start.RedirectStandardInput = true;
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            Match match = ListeningLine().Match(line);
            if (!match.Success) continue;
            // Keep draining its output, or the child would block on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return new ServerProcess(process, new IPEndPoint(IPAddress.Loopback, int.Parse(match.Groups[1].Value)));
        }
        throw new InvalidOperationException("the server exited before listening");
    }

    /// <summary>Resident memory in bytes (Linux /proc), or null where that is not available.</summary>
    public long? ResidentBytes()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        foreach (string line in File.ReadLines(status))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
