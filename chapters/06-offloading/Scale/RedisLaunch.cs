using Course.Cli;

namespace Offloading.Scale;

/// <summary>
/// Starts redis-server for the demo: on a loopback address only, and with persistence off
/// (<c>--save ""</c>, <c>--appendonly no</c>). Pub/sub keeps nothing to persist, and a demo should not
/// leave a dump.rdb behind; <c>--dir</c> points at the demo's temporary folder all the same.
/// </summary>
internal static class RedisLaunch
{
    public static async Task<ChildProcess> StartAsync(string program, int port, string folder, CancellationToken cancel)
    {
        FreePort.EnsureFree(port); // a restart on the same port finds it taken only if something else took it
        ChildProcess redis = ChildProcess.Start(ScaleTools.RedisServer, program,
            ["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no", "--dir", folder, "--loglevel", "warning"],
            onLine: null);
        if (await FreePort.WaitUntilListeningAsync(port, redis.Exited, TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false))
            return redis;
        await redis.DisposeAsync().ConfigureAwait(false);
        throw new UserError($"redis-server did not start on port {port}: {redis.LastLine()}");
    }
}
