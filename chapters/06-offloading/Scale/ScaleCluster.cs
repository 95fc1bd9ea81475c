using System.Net;
using System.Text.RegularExpressions;
using Course.Cli;
using Offloading.Offload;

namespace Offloading.Scale;

/// <summary>What to start: how many servers, the front door's port (0: any free one), the two programs.</summary>
internal sealed record ScaleSetup(int Servers, int Port, string HaProxy, string RedisServer)
{
    /// <summary>Every line the snake servers print ("A: ..."), as they print it.</summary>
    public Action<string>? OnServerLine { get; init; }
}

/// <summary>
/// Everything the scale-out runs, started in order and stopped in reverse: redis-server, the snake
/// servers (this program's hidden <c>scale-server</c> verb, each on a port the system chose), and haproxy
/// in front of them. The <c>scale</c> demo and the integration test both use it; the test also kills
/// Redis and starts it again on the same port.
/// </summary>
internal sealed partial class ScaleCluster : IAsyncDisposable
{
    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(60);
    private readonly ScaleSetup _setup;
    private readonly Log _log;
    private readonly List<(string Name, IPEndPoint EndPoint, ChildProcess Process)> _servers = [];
    private ChildProcess? _haproxy;

    private ScaleCluster(ScaleSetup setup, Log log, string folder, int redisPort)
    {
        _setup = setup;
        _log = log;
        Folder = folder;
        RedisPort = redisPort;
    }

    /// <summary>The temporary folder with haproxy.cfg (and Redis's working directory); deleted on dispose.</summary>
    public string Folder { get; }
    public int RedisPort { get; }
    public ChildProcess? Redis { get; private set; }
    /// <summary>The front door: where players connect.</summary>
    public IPEndPoint Frontend { get; private set; } = new(IPAddress.Loopback, 0);
    public IReadOnlyList<(string Name, IPEndPoint EndPoint, ChildProcess Process)> Servers => _servers;
    public ChildProcess HaProxy => _haproxy ?? throw new InvalidOperationException("not started");

    /// <summary>Starts everything, logging each step; on any failure, stops what it had started and rethrows.</summary>
    public static async Task<ScaleCluster> StartAsync(ScaleSetup setup, Log log, CancellationToken cancel)
    {
        // The front door's port is the one a user chose: find out now, not after starting everything else, if it is taken.
        int port = setup.Port == 0 ? FreePort.Pick() : setup.Port;
        FreePort.EnsureFree(port);
        var cluster = new ScaleCluster(setup, log, Directory.CreateTempSubdirectory("snake-scale-").FullName, FreePort.Pick());
        try
        {
            await cluster.StartRedisAsync(cancel).ConfigureAwait(false);
            foreach (string name in Enumerable.Range(0, setup.Servers).Select(i => ((char)('A' + i)).ToString()))
                await cluster.StartServerAsync(name, cancel).ConfigureAwait(false);
            cluster._haproxy = await HaProxyLaunch.StartAsync(setup.HaProxy, port, [.. cluster._servers.Select(s => (s.Name, s.EndPoint))],
                cluster.Folder, cancel).ConfigureAwait(false);
            cluster.Frontend = new IPEndPoint(IPAddress.Loopback, port);
            log.Line($"haproxy (pid {cluster.HaProxy.Id}) on http://{Endpoints.Show(cluster.Frontend)}/, sending each new player to the "
                     + $"least busy of {cluster.Names()}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>(Re)starts redis-server on <see cref="RedisPort"/>: the servers' clients find it there again by themselves.</summary>
    public async Task StartRedisAsync(CancellationToken cancel)
    {
        Redis = await RedisLaunch.StartAsync(_setup.RedisServer, RedisPort, Folder, cancel).ConfigureAwait(false);
        _log.Line($"redis-server (pid {Redis.Id}) on {Endpoints.Show(new IPEndPoint(IPAddress.Loopback, RedisPort))}, no persistence");
    }

    /// <summary>Kills redis-server at once, as a crash would.</summary>
    public async Task KillRedisAsync()
    {
        if (Redis is null) return;
        await StopAsync(Redis, TimeSpan.Zero).ConfigureAwait(false);
        _log.Line($"redis-server (pid {Redis.Id}) killed");
    }

    private async Task StartServerAsync(string name, CancellationToken cancel)
    {
        var listening = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        WorkerLaunch launch = WorkerLaunch.ThisProgramAs("scale-server", "--name", name, "--port", "0", "--redis", $"127.0.0.1:{RedisPort}");
        ChildProcess server = ChildProcess.Start($"server {name}", launch.FileName, launch.Arguments, line =>
        {
            _setup.OnServerLine?.Invoke(line);
            if (Listening().Match(line) is { Success: true } m) listening.TrySetResult(IPEndPoint.Parse(m.Groups[1].Value));
        });
        // Added before it is ready, so a failure below still stops it.
        _servers.Add((name, new IPEndPoint(IPAddress.Loopback, 0), server));
        Task first = await Task.WhenAny(listening.Task, server.Exited, Task.Delay(ServerStartTimeout, cancel)).ConfigureAwait(false);
        if (first != listening.Task)
        {
            cancel.ThrowIfCancellationRequested();
            throw new UserError($"server {name} did not start: {server.LastLine()}");
        }
        _servers[^1] = (name, await listening.Task.ConfigureAwait(false), server);
        _log.Line($"server {name} started (pid {server.Id})");
    }

    /// <summary>Completes with a reason when haproxy or a server exits while it should be running.</summary>
    public Task<string> Failure() =>
        Task.WhenAny([HaProxy.Exited.ContinueWith(_ => $"haproxy exited (code {HaProxy.ExitCode}): {HaProxy.LastLine()}", TaskScheduler.Default),
            .. _servers.Select(s => s.Process.Exited.ContinueWith(_ => $"server {s.Name} exited (code {s.Process.ExitCode}): {s.Process.LastLine()}", TaskScheduler.Default))])
            .Unwrap();

    /// <summary>The servers' names as a reader says them: "A and B", "A, B and C".</summary>
    public string Names() =>
        _servers.Count == 1 ? _servers[0].Name : string.Join(", ", _servers.SkipLast(1).Select(s => s.Name)) + " and " + _servers[^1].Name;

    /// <summary>Every process it started, whether running or not (tests check that none is left).</summary>
    public IEnumerable<int> ProcessIds() =>
        new[] { _haproxy?.Id, Redis?.Id }.OfType<int>().Concat(_servers.Select(s => s.Process.Id));

    /// <summary>
    /// Stops the front door first (no new players), then the servers, then Redis. Every one is stopped
    /// whatever happens to the others; one that would not die is named in the log.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_haproxy is not null) await StopAsync(_haproxy, TimeSpan.Zero).ConfigureAwait(false);
        // A server stops when its standard input closes, telling its players "going away" (1001). One
        // after the other: it takes a moment each, and the log then reads in order.
        foreach (var server in _servers) await StopAsync(server.Process, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (Redis is not null) await StopAsync(Redis, TimeSpan.Zero).ConfigureAwait(false);
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a file still held open: it is a temporary folder, the system cleans it up
    }

    private async Task StopAsync(ChildProcess child, TimeSpan grace)
    {
        if (!await child.StopAsync(grace).ConfigureAwait(false))
            _log.Line($"{child.Name} (pid {child.Id}) is still running after being killed");
    }

    [GeneratedRegex(@"listening on http://([^/]+)/")]
    private static partial Regex Listening();
}
