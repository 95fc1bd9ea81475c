using System.Diagnostics;

namespace Offloading.Scale;

/// <summary>
/// A program the scale-out started: redis-server, haproxy, or one of our own servers. Each line it
/// prints goes to a callback (both streams), and the last few are kept to explain a failure. Stopping it
/// closes its standard input first (our servers stop when it ends), then kills it after a grace period.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 12;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Action<string>? _onLine;

    private ChildProcess(string name, ProcessStartInfo start, Action<string>? onLine)
    {
        Name = name;
        _onLine = onLine;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
    }

    public string Name { get; }
    public int Id { get; private set; }
    /// <summary>Completes when the program has exited and its output has been read to the end.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;
    /// <summary>Its exit code, once it has exited.</summary>
    public int? ExitCode { get; private set; }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, Action<string>? onLine)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var child = new ChildProcess(name, start, onLine);
        try
        {
            child._process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            child._process.Dispose();
            throw new Course.Cli.UserError($"cannot start {name} ({fileName}): {e.Message}", inner: e);
        }
        child.Id = child._process.Id;
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        child.Exited = child.WaitForExitAsync();
        return child;
    }

    /// <summary>The last lines it printed, one per line.</summary>
    public string Tail()
    {
        lock (_tail) return string.Join("\n", _tail);
    }

    /// <summary>The last line it printed: where redis-server and haproxy say what went wrong.</summary>
    public string LastLine() => Tail().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "(it printed nothing)";

    private void Take(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
        _onLine?.Invoke(line);
    }

    private async Task WaitForExitAsync()
    {
        // Also waits for the redirected output to be read to its end, so no last line is lost.
        await _process.WaitForExitAsync().ConfigureAwait(false);
        ExitCode = _process.ExitCode;
        _process.Dispose();
    }

    /// <summary>
    /// Closes its input, waits up to <paramref name="grace"/> for it to exit, then kills it. False if it is
    /// still there even after the kill (never expected; the caller says so rather than hang).
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (!Exited.IsCompleted)
        {
            // Each step may find it gone already (the pipe closed, the object disposed): that is the goal.
            try { _process.StandardInput.Close(); }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
            if (await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false) != Exited)
            {
                try { _process.Kill(entireProcessTree: true); }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { }
            }
        }
        return await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false) == Exited;
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
}
