using System.Diagnostics;
using System.Reflection;
using Course.Cli;
using System.Text;

namespace Course.Bench;

/// <summary>
/// This same program started again as a child process with other arguments (the server a bench measures,
/// the bots that load it): the real program, in a process of its own, as a user would run it; or another
/// program (a floor built at bench time). On Linux it can be pinned to a set of cores with <c>taskset</c>,
/// so a server and its load do not share a core. Standard output and error are read line by line, as a
/// terminal would read them (a server that logs every message pays for it, as it would for a user), and
/// the last lines are kept (a server logging 40,000 lines a second must not fill the bench's memory); the
/// child is asked to stop as Ctrl+C would, then killed with its children, when disposed.
/// </summary>
public sealed class ChildProgram : IAsyncDisposable
{
    /// <summary>Output kept for <see cref="Output"/> and <see cref="WaitForLine"/>: the newest quarter megabyte or so.</summary>
    private const int KeptChars = 256 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private ChildProgram(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts this program with <paramref name="args"/>, on <paramref name="cores"/> (e.g. "0") when taskset exists.</summary>
    public static ChildProgram Start(IEnumerable<string> args, string? cores = null)
    {
        Assembly program = Assembly.GetEntryAssembly() ?? throw new InvalidOperationException("cannot tell which program this is");
        var (fileName, arguments) = ThisProgram.Command(program, args);
        return StartProgram(fileName, arguments, cores);
    }

    /// <summary>Starts another program (a floor built at bench time), on <paramref name="cores"/> when taskset exists.</summary>
    public static ChildProgram StartProgram(string fileName, IEnumerable<string> args, string? cores = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] command = [fileName, .. args];
        if (cores is not null && Pinning.Available)
        {
            start.FileName = "taskset";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cores);
            foreach (string part in command) start.ArgumentList.Add(part);
        }
        else
        {
            start.FileName = command[0];
            foreach (string part in command.Skip(1)) start.ArgumentList.Add(part);
        }
        return new ChildProgram(Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}"));
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Waits for the line where the child says where it listens ("listening on http://127.0.0.1:PORT/",
    /// "bound to 127.0.0.1:PORT": <paramref name="words"/> come just before the address), and returns the port.
    /// </summary>
    public async Task<int> PortAfter(string words, TimeSpan timeout)
    {
        var address = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(words) + @" \S*?:(\d+)");
        string line = await WaitForLine(address.IsMatch, timeout);
        return int.Parse(address.Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until a line of output matches, and returns it; throws with the output so far on timeout or exit.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            foreach (string line in _output.ToString().Split('\n'))
                if (match(line)) return line;
            _waiters.Add((match, seen));
        }
        Task first = await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (first == seen.Task) return await seen.Task;
        throw new InvalidOperationException($"the child process {(HasExited ? $"exited ({_process.ExitCode})" : "did not say it was ready")} within {timeout.TotalSeconds:0} s; it printed:\n{Output}");
    }

    /// <summary>Processor time the child has used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get { _process.Refresh(); return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime; }
    }

    /// <summary>Resident memory in bytes and threads of the child right now (Linux /proc), or null where unknown.</summary>
    public (long ResidentBytes, int Threads)? Usage()
    {
        string status = $"/proc/{_process.Id}/status";
        try
        {
            if (_process.HasExited || !File.Exists(status)) return null;
            long rss = 0;
            int threads = 0;
            foreach (string line in File.ReadLines(status))
            {
                string[] f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 2 && f[0] == "VmRSS:") rss = long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                if (f.Length >= 2 && f[0] == "Threads:") threads = int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            return (rss, threads);
        }
        catch (IOException)
        {
            return null; // it exited while we read
        }
    }

    /// <summary>Asks the child to stop as Ctrl+C would (SIGINT on Linux and macOS), and waits up to <paramref name="timeout"/>.</summary>
    public async Task<bool> InterruptAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        if (!OperatingSystem.IsWindows()) Interrupt.Send(_process.Id);
        else _process.Kill(entireProcessTree: true);
        try { await _process.WaitForExitAsync().WaitAsync(timeout); return true; }
        catch (TimeoutException) { return false; }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            // Forget the oldest half once over the limit: cheap, and what is kept is always the newest.
            if (_output.Length > 2 * KeptChars) _output.Remove(0, _output.Length - KeptChars);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line)) continue;
                _waiters[i].Seen.TrySetResult(line);
                _waiters.RemoveAt(i);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!await InterruptAsync(TimeSpan.FromSeconds(10)) && !_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>SIGINT to one process, as Ctrl+C in its terminal would send (through the system's kill command).</summary>
internal static class Interrupt
{
    public static void Send(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
    }
}
