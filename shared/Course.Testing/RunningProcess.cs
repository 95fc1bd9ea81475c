using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Course.Testing;

/// <summary>
/// A program started for a test (a chapter's own verb, or a tool such as nc), whose output lines a test
/// can wait for. Disposing it kills it if it is still running. Every wait is bounded.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    private RunningProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(Pump(process.StandardOutput, _stdout, _lines.Writer), Pump(process.StandardError, _stderr, null))
            .ContinueWith(_ => _lines.Writer.TryComplete(), TaskScheduler.Default);
    }

    /// <summary>Starts <paramref name="program"/> (a path, or a name on PATH) with its standard streams redirected.</summary>
    public static RunningProcess Start(string program, params string[] arguments)
    {
        string path = ExternalProgram.Find(program) ?? throw new InvalidOperationException($"'{program}' is not installed.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return new RunningProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start '{program}'."));
    }

    /// <summary>
    /// Starts one of the course's own programs, built next to the test assembly (a project reference
    /// copies it there), through the same <c>dotnet</c> host that runs the tests.
    /// </summary>
    public static RunningProcess StartCourseProgram(string assemblyName, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: does the test project reference the chapter?");
        return Start(DotnetHost(), [dll, .. arguments]);
    }

    /// <summary>The dotnet executable that runs this test process.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : ExternalProgram.Find("dotnet") ?? "dotnet";

    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>Everything the program wrote to standard output so far.</summary>
    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>Everything the program wrote to standard error so far.</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits for the next standard-output line that matches, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await foreach (string line in _lines.Reader.ReadAllAsync(limit.Token))
                if (match(line)) return line;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"no matching line within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        throw new InvalidOperationException(
            $"the program ended without printing a matching line.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    /// <summary>Waits for the program to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"still running after {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        await _reading.WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT (Ctrl+C) on Unix, so the program can shut down cleanly.</summary>
    public void Interrupt()
    {
        if (!OperatingSystem.IsWindows() && !_process.HasExited) _ = SendSignal(_process.Id, 2);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, StringBuilder text, ChannelWriter<string>? lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (text) text.Append(line).Append('\n');
            lines?.TryWrite(line);
        }
    }
}
