using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Netcode.State;
using Netcode.Transport;
using Netcode.Wire;

namespace Netcode.Peers;

/// <summary>
/// A client: sends a package 40 times a second (its state version and queued events), applies the server's
/// updates to its copy of the state, and runs handlers for the server's events.
/// </summary>
/// <remarks>
/// Reading the state always goes through <see cref="AccessGameState{T}"/>, which holds the lock the receive
/// loop takes to apply an update, so a reader never sees half an update.
/// Datagrams from any address but the server's are dropped (PyGaSe's client reads whatever arrives).
/// </remarks>
public sealed class Client : IAsyncDisposable
{
    private readonly PeerOptions _options;
    private readonly GameState _state = new();
    private readonly PeerLink _link;
    private readonly ConcurrentDictionary<string, Action<NetEvent>> _handlers = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OnceLog _once;
    private volatile string? _lastRefusal;
    private IDatagramTransport? _transport;
    private IPEndPoint? _server;
    private Task _loops = Task.CompletedTask;

    public Client(PeerOptions? options = null)
    {
        _options = options ?? new PeerOptions();
        _once = new OnceLog(_options.Log);
        _link = new PeerLink(_options)
        {
            OnCallbackFault = e => _once.Line($"ack:{e.GetType().Name}", () => $"an ack callback failed and was skipped: {e}"),
        };
    }

    public bool IsConnected => _connected.Task.IsCompleted;
    public TimeSpan Rtt => _link.Rtt;
    public TimeSpan SendInterval => _link.Congestion.Interval;
    public long UpdatesApplied => Interlocked.Read(ref _updatesApplied);
    private long _updatesApplied;
    /// <summary>Bytes of every datagram from the server so far (a bench's "what each client receives").</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    private long _bytesReceived;
    public long Malformed => Interlocked.Read(ref _malformed);
    private long _malformed;

    /// <summary>Called (on the receive loop) after each applied update, with the state locked. Keep it short.</summary>
    public Action<GameState>? OnUpdate { get; set; }

    public void RegisterEventHandler(string eventType, Action<NetEvent> handler) => _handlers[eventType] = handler;

    /// <summary>
    /// Starts talking to <paramref name="server"/> and waits until its first package arrives.
    /// </summary>
    /// <exception cref="TimeoutException">Nothing came back within <paramref name="timeout"/> (default 5 s).</exception>
    /// <exception cref="RefusedException">The server answered that it will not admit us, and why.</exception>
    public async Task ConnectAsync(IPEndPoint server, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        _server = server;
        var any = new IPEndPoint(server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        if (IPAddress.IsLoopback(server.Address)) any = new IPEndPoint(server.Address, 0);
        IDatagramTransport transport = new UdpTransport(any);
        if (!_options.Network.IsPerfect) transport = new SimulatedNetwork(transport, _options.Network, _options.Seed, _options.Time);
        _transport = transport;
        _loops = Task.WhenAll(Task.Run(() => SendLoop(_stop.Token)), Task.Run(() => ReceiveLoop(_stop.Token)));
        try
        {
            await _connected.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(5), _options.Time, cancel);
        }
        catch (TimeoutException)
        {
            if (_lastRefusal is { } reason)
            {
                await DisposeAsync();
                throw new RefusedException(reason, Temporary: true);
            }
            throw new TimeoutException($"no answer from {server} within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds:0.#} s: is the server running?");
        }
        catch (RefusedException)
        {
            await DisposeAsync(); // stop knocking: the server said no
            throw;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the synchronised state while holding its lock.</summary>
    public T AccessGameState<T>(Func<GameState, T> read)
    {
        lock (_state) return read(_state);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the state (checked after every update).</summary>
    /// <exception cref="TimeoutException">Still false after <paramref name="timeout"/> (default 1 s, as PyGaSe).</exception>
    public async Task WaitUntilAsync(Func<GameState, bool> condition, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(1);
        long start = _options.Time.GetTimestamp();
        while (true)
        {
            Task changed = Volatile.Read(ref _changed).Task;
            if (AccessGameState(condition)) return;
            TimeSpan left = limit - _options.Time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero) throw new TimeoutException($"the condition did not hold within {limit.TotalSeconds:0.###} s.");
            try { await changed.WaitAsync(left, _options.Time, cancel); }
            catch (TimeoutException) { }
        }
    }

    /// <summary>
    /// Keeps trying <paramref name="read"/> until it returns a value; a missing key counts as "not yet"
    /// (PyGaSe's try_to, for reading attributes that may not have arrived).
    /// </summary>
    public async Task<T> TryToAsync<T>(Func<GameState, T?> read, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        T? result = default;
        await WaitUntilAsync(state =>
        {
            try { result = read(state); }
            catch (KeyNotFoundException) { result = default; }
            return result is not null;
        }, timeout, cancel);
        return result!;
    }

    /// <summary>Sends an event to the server; with retries it is resent when its package is lost (and applied once by our server).</summary>
    /// <returns>False when the event is too big for any package: it is dropped and logged once.</returns>
    public bool DispatchEvent(NetEvent e, int retries = 0, Action? ackCallback = null)
    {
        if (_link.Queue(e, retries, ackCallback)) return true;
        _once.Line($"too-big:{e.Type}", () => $"a {e.Type} event is too big for any package and was dropped");
        return false;
    }

    public bool DispatchEvent(string type, params object?[] args) => DispatchEvent(new NetEvent(type, args));

    /// <summary>Stops this client. With <paramref name="shutdownServer"/> it first sends <c>shutdown</c>, which stops the server if we are its host.</summary>
    public async Task DisconnectAsync(bool shutdownServer = false)
    {
        if (shutdownServer && _transport is not null && _server is not null)
            await _transport.SendAsync(Encoding.UTF8.GetBytes("shutdown"), _server, CancellationToken.None);
        await DisposeAsync();
    }

    private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Sends the next package now if it was due within the send interval anyway: a game calls this right
    /// after queuing its input for a frame, so the input leaves at once. The rate does not change.
    /// </summary>
    public void Flush()
    {
        _link.Schedule.PullIn(_link.Congestion.Interval, _options.Time.GetTimestamp());
        Interlocked.Exchange(ref _flush, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private async Task SendLoop(CancellationToken cancel)
    {
        TimeProvider time = _options.Time;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                long now = time.GetTimestamp();
                if (_link.Schedule.IsDue(now))
                {
                    PackageHeader header = _link.NextHeader();
                    Sqn version = AccessGameState(s => s.TimeOrder);
                    var events = _link.TakeEvents(Packages.MaxSize - PackageHeader.Size - 2);
                    byte[] package = Packages.EncodeClient(header, version, events?.Select(e => e.Encoded).ToList() ?? []);
                    _link.RecordSent(header.Sequence, events);
                    await _transport!.SendAsync(package, _server!, cancel);
                    _link.Schedule.Advance(_link.Congestion.Interval, now);
                }
                TimeSpan wait = TimeSpan.FromSeconds((double)(_link.Schedule.Due - time.GetTimestamp()) / time.TimestampFrequency);
                if (wait > TimeSpan.Zero) await Task.WhenAny(Task.Delay(wait, time, cancel), Volatile.Read(ref _flush).Task);
                cancel.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (ObjectDisposedException) { }
    }

    private async Task ReceiveLoop(CancellationToken cancel)
    {
        var buffer = new byte[65536];
        while (!cancel.IsCancellationRequested)
        {
            int length;
            IPEndPoint from;
            try { (length, from) = await _transport!.ReceiveAsync(buffer, cancel); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { break; }
            if (!from.Equals(_server)) continue;
            Interlocked.Add(ref _bytesReceived, length);
            try { OnPackage(buffer.AsMemory(0, length)); }
            catch (FormatException e)
            {
                Interlocked.Increment(ref _malformed);
                _once.Line($"malformed:{e.TargetSite?.Name}", () => $"dropped a malformed package: {e.Message}");
            }
            catch (Exception e)
            {
                // A bug in handling one package (ours, or a callback's): loudly once, and keep receiving.
                Interlocked.Increment(ref _malformed);
                _once.Line($"fault:{e.GetType().Name}:{e.TargetSite?.Name}", () => $"BUG: handling a package threw; it is dropped and the client goes on: {e}");
            }
        }
    }

    private void OnPackage(ReadOnlyMemory<byte> datagram)
    {
        var (header, updateBytes, events) = Packages.DecodeServer(datagram);
        GameStateUpdate update = GameStateUpdate.Decode(updateBytes);
        if (!IsConnected && events.FirstOrDefault(e => e.Type == LibraryEvents.Refused) is { } refused)
        {
            string reason = refused.Args is [string r, ..] ? r : "no reason given";
            // A rate was exceeded, not a cap reached: keep knocking (the server admits us when it can) and
            // only say why if the connect times out. A cap ends the connect at once.
            if (refused.Args is [_, true, ..]) _lastRefusal = reason;
            else _connected.TrySetException(new RefusedException(reason));
            return;
        }
        if (_link.OnReceived(header) != Arrival.Fresh) return;
        _connected.TrySetResult();
        bool applied;
        lock (_state)
        {
            // Stale or reordered updates are simply older than what we hold: Apply ignores them.
            applied = _state.Apply(update);
            if (applied) OnUpdate?.Invoke(_state);
        }
        if (applied)
        {
            Interlocked.Increment(ref _updatesApplied);
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        foreach (NetEvent e in events)
        {
            if (!_link.FirstTime(e)) continue;
            NetEvent clean = e.WithoutId();
            if (!_handlers.TryGetValue(clean.Type, out var handler)) continue;
            try { handler(clean); }
            catch (Exception ex) { _once.Line($"handler:{clean.Type}", () => $"handler for {clean.Type} failed: {ex}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loops.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        _transport?.Dispose();
    }
}

/// <summary>The server answered that it will not admit this client (full, or too many from our address).</summary>
/// <remarks><see cref="Temporary"/>: a rate, not a cap, refused us: the same connect may work in a moment.</remarks>
public sealed class RefusedException(string reason, bool Temporary = false) : Exception($"the server refused us: {reason}")
{
    public string Reason { get; } = reason;
    public bool Temporary { get; } = Temporary;
}
