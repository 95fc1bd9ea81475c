using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Agar.Net;
using Netcode.Peers;

namespace Agar.Lab;

/// <summary>
/// The netcode lab: the real <see cref="AgarServer"/> on a loopback UDP port and two or three real
/// <see cref="NetworkGame"/> clients, each behind chapter 07's simulated network, in one process. One loop
/// does everything that touches the clients, so they need no locks:
///   1. apply what the page asked for (a setting, a steer, a preset, new server rates);
///   2. every tick of the server's rate, step each client: its bot or the page's keys steer, an input leaves;
///   3. 30 times a second, take a <see cref="LabFrame"/>: the server's world and what each client would
///      draw now, with its timeline; the web page only draws these.
/// A setting changes live (the clients' dials, switches, the server's views per tick). A new tick rate is
/// the one thing the library fixes at start, so for that the lab closes the server and the clients and
/// opens them again with every client's settings kept.
/// </summary>
public sealed class NetcodeLab : IAsyncDisposable
{
    public const double FramesPerSecond = 30;
    /// <summary>Frames remembered (5 s), so a test can look up the one the page drew.</summary>
    private const int FramesKept = 150;
    /// <summary>Controls waiting for the loop; a page cannot send faster than the loop takes them, so this is a flood's limit.</summary>
    private const int MaxWaitingControls = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly LabOptions _options;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Action<string> _log;
    private readonly ConcurrentQueue<LabControl> _controls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<long, (LabFrame Frame, byte[] Json)> _frames = [];
    private readonly HashSet<string> _logged = [];
    private TaskCompletionSource<(LabFrame Frame, byte[] Json)> _nextFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<LabClient> _clients = [];
    private AgarServer? _server;
    private ServerRates _rates = ServerRates.Normal;
    private string? _preset;
    private string? _notice;
    private long _frameNumber;
    private long _rejected;
    private Task _loop = Task.CompletedTask;

    private NetcodeLab(LabOptions options)
    {
        _options = options;
        _time = options.Time;
        _start = _time.GetTimestamp();
        _log = options.Log ?? (_ => { });
    }

    public AgarServer Server => Volatile.Read(ref _server) ?? throw new InvalidOperationException("the lab is not started");
    public IReadOnlyList<LabClient> Clients => Volatile.Read(ref _clients);
    public ServerRates Rates => Volatile.Read(ref _rates);
    /// <summary>The tour's stop last applied, or null once a setting was changed by hand.</summary>
    public string? Preset => Volatile.Read(ref _preset);
    public LabSetup Setup => LabSetup.For(_options.Clients);
    /// <summary>Controls from the page that were refused (malformed, out of range, or too many at once).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Faults if the lab's loop or its server failed: the program must then stop, not run on frozen.</summary>
    public Task Stopped => _loop;

    /// <summary>Opens the server, joins the clients, and starts the loop.</summary>
    public static async Task<NetcodeLab> StartAsync(LabOptions options, CancellationToken cancel = default)
    {
        var lab = new NetcodeLab(options);
        List<ClientSettings> settings = [.. Enumerable.Range(1, options.Clients).Select(n => new ClientSettings { Bot = n > 1 })];
        ServerRates rates = ServerRates.Normal;
        if (options.Preset is { } slug)
        {
            Preset preset = Lab.Preset.Find(slug);
            settings = [.. settings.Select(s => preset.Client with { Bot = s.Bot })];
            rates = preset.Rates;
            lab._preset = slug;
        }
        await lab.OpenAsync(rates, settings, cancel);
        lab._loop = Task.Run(() => lab.RunAsync(lab._stop.Token), CancellationToken.None);
        return lab;
    }

    /// <summary>Queues a control from the page for the loop; false (and counted) when too many are waiting.</summary>
    public bool Control(LabControl control)
    {
        if (_controls.Count >= MaxWaitingControls)
        {
            Reject("the page sends controls faster than the lab takes them; dropping some");
            return false;
        }
        _controls.Enqueue(control);
        return true;
    }

    /// <summary>A control that was refused: counted, and said once per kind on the lab's log.</summary>
    public void Reject(string why)
    {
        Interlocked.Increment(ref _rejected);
        string kind = why.Split(' ').Take(3).Aggregate((a, b) => a + " " + b);
        bool first;
        lock (_logged) first = _logged.Count < 64 && _logged.Add(kind);
        if (first) _log($"ignored a control from the page: {why} (said once per kind)");
    }

    /// <summary>The next frame to be taken, and its JSON, shared by every page.</summary>
    public Task<(LabFrame Frame, byte[] Json)> NextFrameAsync() => Volatile.Read(ref _nextFrame).Task;

    /// <summary>A recent frame by its number (the last 5 s of them), and the exact JSON the pages were sent.</summary>
    public (LabFrame Frame, byte[] Json)? FrameAt(long number)
    {
        lock (_frames) return _frames.TryGetValue(number, out var frame) ? frame : null;
    }

    private double Now() => _time.GetElapsedTime(_start).TotalMilliseconds;

    private async Task OpenAsync(ServerRates rates, IReadOnlyList<ClientSettings> settings, CancellationToken cancel)
    {
        var server = new AgarServer(_options.World(rates.TickRate), _options.Bots, new PeerOptions { Time = _time, Log = _options.Log is { } log ? line => log($"udp server: {line}") : null })
        {
            TicksPerView = rates.TicksPerView,
        };
        var clients = new List<LabClient>();
        try
        {
            await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
            for (int n = 1; n <= settings.Count; n++)
                clients.Add(await LabClient.JoinAsync(n, server.EndPoint, settings[n - 1], _options.Seed + (ulong)n, _time, _start, cancel));
        }
        catch
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            await server.DisposeAsync();
            throw;
        }
        Volatile.Write(ref _server, server);
        Volatile.Write(ref _rates, rates);
        Volatile.Write(ref _clients, clients);
    }

    private async Task CloseAsync()
    {
        await Task.WhenAll(Clients.Select(c => c.DisposeAsync().AsTask()));
        if (Volatile.Read(ref _server) is { } server) await server.DisposeAsync();
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        long nextTick = _time.GetTimestamp(), nextFrame = nextTick;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                // A server whose loop died stops the lab too, with the server's fault (or, if it stopped cleanly, with this one).
                if (Server.Stopped.IsCompleted)
                {
                    await Server.Stopped;
                    throw new InvalidOperationException("the lab's server stopped by itself");
                }
                await ApplyControlsAsync(cancel);
                long now = _time.GetTimestamp();
                if (now >= nextTick)
                {
                    foreach (LabClient client in Clients) client.Step();
                    nextTick = Next(nextTick, 1 / Rates.TickRate, now);
                }
                if (now >= nextFrame)
                {
                    Publish();
                    nextFrame = Next(nextFrame, 1 / FramesPerSecond, now);
                }
                long due = Math.Min(nextTick, nextFrame);
                TimeSpan wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception e)
        {
            _log($"BUG: the lab's loop failed, and the lab stops: {e}");
            throw;
        }
    }

    /// <summary>The slot after <paramref name="slot"/>; after a stall, the next one from now (no burst of catching up).</summary>
    private long Next(long slot, double seconds, long now)
    {
        long step = (long)(seconds * _time.TimestampFrequency);
        slot += step;
        return slot <= now - step ? now + step : slot;
    }

    private async Task ApplyControlsAsync(CancellationToken cancel)
    {
        while (_controls.TryDequeue(out LabControl? control))
        {
            try { await ApplyAsync(control, cancel); }
            catch (FormatException e) { Reject(e.Message); }
        }
    }

    private async Task ApplyAsync(LabControl control, CancellationToken cancel)
    {
        switch (control.Kind)
        {
            case ControlKind.Steer:
                Clients[control.Client - 1].SteerFromPage(control.Steer);
                break;
            case ControlKind.Client:
                LabClient client = Clients[control.Client - 1];
                client.Apply(client.Settings.With(control.Field, control.Value));
                Volatile.Write(ref _preset, null);
                break;
            case ControlKind.Server:
                ServerRates rates = control.Field switch
                {
                    "tickRate" => Rates.WithTickRate(control.Value),
                    "ticksPerView" => Rates.WithTicksPerView(control.Value),
                    _ => throw new FormatException($"the server has no setting '{ClientSettings.Shorten(control.Field)}' (tickRate or ticksPerView)"),
                };
                await UseRatesAsync(rates, cancel);
                Volatile.Write(ref _preset, null);
                break;
            case ControlKind.Preset:
                Preset preset = Lab.Preset.Find(control.Preset);
                foreach (LabClient each in Clients) each.Apply(preset.Client with { Bot = each.Settings.Bot });
                await UseRatesAsync(preset.Rates, cancel);
                Volatile.Write(ref _preset, preset.Slug);
                _log($"preset: {preset.Name}");
                break;
        }
    }

    private async Task UseRatesAsync(ServerRates rates, CancellationToken cancel)
    {
        if (rates.TickRate == Rates.TickRate)
        {
            Server.TicksPerView = rates.TicksPerView;
            Volatile.Write(ref _rates, rates);
            return;
        }
        _notice = $"restarting the server at {rates.TickRate:0} ticks/s...";
        Publish();
        List<ClientSettings> settings = [.. Clients.Select(c => c.Settings)];
        await CloseAsync();
        await OpenAsync(rates, settings, cancel);
        _notice = null;
        _log($"the server ticks {rates.TickRate:0} times a second now (restarted; every client rejoined with its settings)");
    }

    /// <summary>Takes a frame and hands it to every page waiting for one.</summary>
    private void Publish()
    {
        long number = ++_frameNumber;
        LabFrame frame = LabFrame.Build(number, Now(), this, Preset, _notice);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(frame, Json);
        lock (_frames)
        {
            _frames[number] = (frame, json);
            _frames.Remove(number - FramesKept);
        }
        Interlocked.Exchange(ref _nextFrame, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult((frame, json));
    }

    public static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, Json);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; }
        catch (Exception) { } // already said on the log; closing goes on
        await CloseAsync();
        _stop.Dispose();
    }
}
