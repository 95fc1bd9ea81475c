using System.Net;
using Course.Cli;

namespace Offloading.Scale;

/// <summary>Writes <see cref="HaProxyConfig"/> to the demo's folder and runs haproxy on it, in the foreground.</summary>
internal static class HaProxyLaunch
{
    public static async Task<ChildProcess> StartAsync(string program, int port, IReadOnlyList<(string Name, IPEndPoint EndPoint)> servers,
        string folder, CancellationToken cancel)
    {
        FreePort.EnsureFree(port);
        string config = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, HaProxyConfig.Write(port, servers), cancel).ConfigureAwait(false);
        // -db: stay in the foreground (no daemon), so the demo owns the process and sees it exit.
        ChildProcess haproxy = ChildProcess.Start(ScaleTools.HaProxy, program, ["-f", config, "-db"], onLine: null);
        if (await FreePort.WaitUntilListeningAsync(port, haproxy.Exited, TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false))
            return haproxy;
        await haproxy.DisposeAsync().ConfigureAwait(false);
        throw new UserError($"haproxy did not start on port {port}: {haproxy.LastLine()}");
    }
}
