using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Course.Cli;

namespace Dots;

/// <summary>
/// Our own server, started as a child process for the benchmark, so its threads and memory can be read
/// from the operating system without counting the benchmark's clients.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    public ServerProcess(params string[] arguments)
    {
        ProcessStartInfo start = ThisProgram.StartInfo(typeof(ServerProcess).Assembly, arguments);
        start.RedirectStandardError = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();

        // The first line says where it listens; after that keep reading (and ignoring) so its pipe never fills.
        string first = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the server exited at once");
        EndPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(PortPattern().Match(first).Groups[1].Value));
        _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Threads and resident memory of the server right now, from /proc (Linux); null elsewhere.</summary>
    public (int Threads, double ResidentMiB)? Usage()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        int threads = 0;
        double rss = 0;
        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith("Threads:")) threads = int.Parse(line[8..].Trim());
            if (line.StartsWith("VmRSS:")) rss = double.Parse(line[6..].Trim().Split(' ')[0]) / 1024;
        }
        return (threads, rss);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    [GeneratedRegex(@":(\d+):")]
    private static partial Regex PortPattern();
}
