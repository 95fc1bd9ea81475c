using System.Collections.Concurrent;
using Agar.Lab;

namespace Agar.Tests.Lab;

/// <summary>The lab and its web page in the test process, on 127.0.0.1 port 0, with its log lines kept for assertions.</summary>
public sealed class RunningLab : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private RunningLab() { }

    public NetcodeLab Lab { get; private set; } = null!;
    public LabWeb Web { get; private set; } = null!;
    public string Log => string.Join("\n", _log);
    public LabClient Client(int number) => Lab.Clients[number - 1];

    /// <summary>Starts a lab with <paramref name="options"/> (its log is replaced by the test's).</summary>
    public static async Task<RunningLab> StartAsync(LabOptions? options = null)
    {
        var running = new RunningLab();
        running.Lab = await NetcodeLab.StartAsync((options ?? new LabOptions()) with { Log = running._log.Enqueue });
        running.Web = await LabWeb.StartAsync(running.Lab, 0, running._log.Enqueue);
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Lab.DisposeAsync();
    }
}
