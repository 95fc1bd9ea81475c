using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Netcode.State;
using Netcode.Transport;
using Netcode.Wire;

namespace Netcode.Peers;

/// <summary>Counters a test or a curious student can read: what the server dropped, and why.</summary>
public sealed class ServerStats
{
    internal long _malformed, _duplicates, _tooOld, _oversize, _ignoredText, _packagesSent, _bytesSent, _timedOut, _flooded, _refused, _faults, _reserved, _oversizeEvents, _droppedEvents;
    /// <summary>Events (or views) the game asked to send that no package can carry: dropped, never thrown.</summary>
    public long OversizeEvents => Interlocked.Read(ref _oversizeEvents);
    public long Malformed => Interlocked.Read(ref _malformed);
    /// <summary>Packages dropped unread because their connection sent faster than its limit.</summary>
    public long Flooded => Interlocked.Read(ref _flooded);
    /// <summary>Packages from new addresses that were not admitted (server full, too many from one IP, too fast).</summary>
    public long Refused => Interlocked.Read(ref _refused);
    /// <summary>Datagrams whose handling hit a bug (an exception other than a format error): logged with the stack once, dropped.</summary>
    public long Faults => Interlocked.Read(ref _faults);
    /// <summary>Client events using a type reserved for the library (<see cref="LibraryEvents.Prefix"/>): dropped.</summary>
    public long ReservedEvents => Interlocked.Read(ref _reserved);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long TooOld => Interlocked.Read(ref _tooOld);
    public long Oversize => Interlocked.Read(ref _oversize);
    public long IgnoredText => Interlocked.Read(ref _ignoredText);
    public long PackagesSent => Interlocked.Read(ref _packagesSent);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long TimedOut => Interlocked.Read(ref _timedOut);
}

/// <summary>
/// The server: one UDP socket for every client. A client is known by its address from its first valid
/// package (no handshake, as in PyGaSe); the first address ever seen is the host client, which may stop the
/// server with the plain datagram <c>shutdown</c>. Every client gets a package 40 times a second with its
/// delta since the version it reports, and the events queued for it.
/// </summary>
/// <remarks>
/// Two loops. The receive loop reads a datagram, and any problem with it (malformed, too big, duplicated,
/// too late, too fast, unknown text) is counted, logged the first time it happens, and ends there: one
/// datagram never ends the server. Even a bug in handling one datagram only costs that datagram.
/// A new address becomes a connection only if <see cref="ServerLimits"/> admit it; otherwise it is told
/// why (<see cref="LibraryEvents.Refused"/>). The send loop walks the connections, sends to those whose
/// slot is due, and removes those silent for the connection timeout, telling <see cref="ClientGone"/>.
/// </remarks>
public sealed class Server : IAsyncDisposable
{
    /// <summary>The default for <see cref="PeerOptions.UpdateBudget"/>: most of a package is state, PyGaSe-style.</summary>
    public const int UpdateBudget = 1600;

    private readonly GameStateStore _store;
    private readonly PeerOptions _options;
    private readonly ConcurrentDictionary<IPEndPoint, ServerConnection> _connections = new();
    private readonly ConcurrentDictionary<string, Action<NetEvent, IPEndPoint>> _handlers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Admission _admission;
    private readonly OnceLog _once;
    private IDatagramTransport? _transport;
    private Task _loops = Task.CompletedTask;

    public Server(GameStateStore store, PeerOptions? options = null)
    {
        _store = store;
        _options = options ?? new PeerOptions();
        _admission = new Admission(_options.Limits, _options.Time);
        _once = new OnceLog(_options.Log);
    }

    public IPEndPoint EndPoint => _transport?.LocalEndPoint ?? throw new InvalidOperationException("the server is not started.");
    public IPEndPoint? HostClient { get; private set; }
    public IReadOnlyCollection<IPEndPoint> Connections => [.. _connections.Keys];
    public ServerStats Stats { get; } = new();

    /// <summary>Where every client event goes after the server-level handlers: usually the game loop's queue.</summary>
    public Action<NetEvent, IPEndPoint>? EventWire { get; set; }

    /// <summary>Called (on the send loop) when a client timed out and its connection was removed.</summary>
    public Action<IPEndPoint>? ClientGone { get; set; }

    /// <summary>Completes when the server has stopped (disposed, or shut down by its host client).</summary>
    public Task Stopped => _loops;

    /// <summary>A handler run by the server itself when the event arrives (not in the game loop).</summary>
    public void RegisterEventHandler(string eventType, Action<NetEvent, IPEndPoint> handler) => _handlers[eventType] = handler;

    public Task StartAsync(IPEndPoint endPoint) => StartAsync(new UdpTransport(endPoint));

    /// <summary>Starts on a transport of your own (a test's in-memory one, for instance).</summary>
    public Task StartAsync(IDatagramTransport transport)
    {
        if (!_options.Network.IsPerfect) transport = new SimulatedNetwork(transport, _options.Network, _options.Seed, _options.Time);
        _transport = transport;
        _loops = RunLoops(_stop.Token);
        Log($"listening on {Show(EndPoint)}" + (_options.Network.IsPerfect ? "" : $" (simulated network: {_options.Network})"));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Queues an event for one client or (target null) all of them. With retries it is resent when its package
    /// is lost, and applied once by our clients. Keyword data works here (PyGaSe's own server cannot send it).
    /// </summary>
    /// <returns>False when the event is too big for any package: it is dropped, counted and logged once (PyGaSe raises here, and its server ends).</returns>
    public bool DispatchEvent(NetEvent e, IPEndPoint? target = null, int retries = 0, Action<IPEndPoint>? ackCallback = null)
    {
        bool fits = true;
        if (target is not null)
        {
            // One lookup, not a walk over every connection: a game sends each client its own events every tick.
            if (_connections.TryGetValue(target, out ServerConnection? one)) fits = one.Link.Queue(e, retries, ackCallback is null ? null : () => ackCallback(target));
        }
        else
        {
            foreach (var (address, connection) in _connections)
                fits &= connection.Link.Queue(e, retries, ackCallback is null ? null : () => ackCallback(address));
        }
        if (!fits) TooBig(e.Type);
        return fits;
    }

    /// <summary>
    /// The most bytes a view may take (<see cref="SendView"/>): what a package has left after its header, the
    /// largest update it carries (<see cref="PeerOptions.UpdateBudget"/>) and the view's length prefix.
    /// </summary>
    public int ViewBudget => Packages.MaxSize - PackageHeader.Size - 2 - _options.UpdateBudget - 2;

    /// <summary>
    /// Gives one client its own view: an event that goes out in the client's next package, replacing a view
    /// not yet sent (only the newest matters), never retried. <paramref name="onAck"/> runs when the package
    /// carrying it is acknowledged, which is how a game learns what each client has, to send the next view as
    /// a delta against it. Returns false when the view is bigger than <see cref="ViewBudget"/> (dropped, counted)
    /// or the client is gone.
    /// </summary>
    public bool SendView(IPEndPoint client, NetEvent view, Action? onAck = null) => SendView(client, view.Type, view.Encode(), onAck);

    /// <summary>
    /// <see cref="SendView(IPEndPoint, NetEvent, Action?)"/> for a view the game encoded itself (the bytes of
    /// an event of type <paramref name="type"/>, as <see cref="NetEvent.Encode"/> writes them): a game sending
    /// a thousand views a tick writes each straight into bytes, without building the event's value tree.
    /// </summary>
    public bool SendView(IPEndPoint client, string type, byte[] encodedView, Action? onAck = null)
    {
        if (encodedView.Length > ViewBudget)
        {
            TooBig(type);
            return false;
        }
        return _connections.TryGetValue(client, out ServerConnection? connection) && connection.Link.SetView(type, encodedView, onAck);
    }

    private void TooBig(string type)
    {
        Interlocked.Increment(ref Stats._oversizeEvents);
        _once.Line($"too-big:{type}", () => $"BUG: a {type} event too big for any package was dropped (the game should budget its events): {Environment.StackTrace}");
    }

    /// <summary>
    /// Both loops; if either ends while the server should be running (a bug in the loop itself, outside the
    /// per-datagram and per-package guards), it is logged with its stack and the other is stopped too, so
    /// <see cref="Stopped"/> faults instead of a process that looks alive and is deaf or mute.
    /// </summary>
    private async Task RunLoops(CancellationToken cancel)
    {
        Task receive = Task.Run(() => ReceiveLoop(cancel)), send = Task.Run(() => SendLoop(cancel));
        Task first = await Task.WhenAny(receive, send);
        if (!cancel.IsCancellationRequested)
            Log($"BUG: the server's {(first == receive ? "receive" : "send")} loop ended; the server stops: {first.Exception?.ToString() ?? "no exception"}");
        _stop.Cancel();
        try { await Task.WhenAll(receive, send); }
        catch (Exception) when (first.IsFaulted) { }
        await first;
    }

    private async Task ReceiveLoop(CancellationToken cancel)
    {
        var buffer = new byte[65536]; // bigger than any legal package, so an oversized one is seen and refused whole
        while (!cancel.IsCancellationRequested)
        {
            int length;
            IPEndPoint from;
            try { (length, from) = await _transport!.ReceiveAsync(buffer, cancel); }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            try
            {
                await OnDatagram(buffer.AsMemory(0, length), from, cancel);
            }
            catch (FormatException e)
            {
                Interlocked.Increment(ref Stats._malformed);
                _once.Line($"malformed:{e.TargetSite?.Name}", () => $"dropped a malformed datagram from {Show(from)}: {e.Message}");
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // A bug, not an attack we foresaw: say so loudly, once per kind, with the stack, and keep serving.
                Interlocked.Increment(ref Stats._faults);
                _once.Line($"fault:{e.GetType().Name}:{e.TargetSite?.Name}", () => $"BUG: handling a datagram from {Show(from)} threw; the datagram is dropped and the server goes on: {e}");
            }
        }
    }

    private async ValueTask OnDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint from, CancellationToken cancel)
    {
        if (!PackageHeader.IsPackage(datagram.Span))
        {
            OnText(datagram, from);
            return;
        }
        if (datagram.Length > Packages.MaxSize)
        {
            Interlocked.Increment(ref Stats._oversize);
            _once.Line("oversize", () => $"dropped a {datagram.Length}-byte package from {Show(from)} (limit {Packages.MaxSize})");
            return;
        }
        ServerConnection? connection = _connections.GetValueOrDefault(from);
        if (connection is not null && !connection.Link.IncomingRate.TryTake())
        {
            // Dropped before it is even decoded: a flood costs us a lookup per datagram, no more.
            Interlocked.Increment(ref Stats._flooded);
            _once.Line("flood", () => $"{Show(from)} sends faster than {_options.Limits.PackagesPerConnectionPerSecond:0} packages a second; dropping the excess");
            return;
        }
        if (connection is null && _admission.TryAdmit(from.Address) is { } refusal)
        {
            Interlocked.Increment(ref Stats._refused);
            _once.Line($"refused:{refusal.Reason[..refusal.Reason.IndexOf(' ')]}", () => $"refused {Show(from)}: {refusal.Reason}");
            if (_admission.MayAnswer(from.Address)) await TellRefused(from, refusal, cancel);
            return;
        }
        var (header, version, events) = DecodeOrRelease(datagram, from, admitted: connection is null);
        connection ??= Connect(from);
        switch (connection.Link.OnReceived(header))
        {
            case Arrival.Duplicate:
                Interlocked.Increment(ref Stats._duplicates);
                return;
            case Arrival.TooOld:
                Interlocked.Increment(ref Stats._tooOld);
                return;
        }
        // A late package may carry an older version than one we already have: keep the newest.
        lock (connection)
            if (version.IsNewerThan(connection.ClientVersion) || version.IsNone) connection.ClientVersion = version;
        foreach (NetEvent e in events)
        {
            if (!connection.Link.FirstTime(e)) continue;
            NetEvent clean = e.WithoutId();
            if (LibraryEvents.IsReserved(clean.Type))
            {
                Interlocked.Increment(ref Stats._reserved);
                _once.Line("reserved", () => $"dropped a {clean.Type} event from {Show(from)}: that type is the library's own");
                continue;
            }
            if (_handlers.TryGetValue(clean.Type, out var handler))
            {
                try { handler(clean, from); }
                catch (Exception ex) { _once.Line($"handler:{clean.Type}", () => $"server handler for {clean.Type} failed: {ex}"); }
            }
            EventWire?.Invoke(clean, from);
        }
    }

    /// <summary>Decodes a client package; if it was to open a new connection and is malformed, gives the slot back.</summary>
    private (PackageHeader, Sqn, List<NetEvent>) DecodeOrRelease(ReadOnlyMemory<byte> datagram, IPEndPoint from, bool admitted)
    {
        try { return Packages.DecodeClient(datagram); }
        catch when (admitted)
        {
            _admission.Release(from.Address);
            throw;
        }
    }

    private ServerConnection Connect(IPEndPoint address)
    {
        var created = new ServerConnection(new PeerLink(_options)
        {
            OnCallbackFault = e => _once.Line($"ack:{e.GetType().Name}", () => $"an ack callback failed and was skipped: {e}"),
        });
        _connections[address] = created;
        if (HostClient is null) HostClient = address;
        Log($"new connection from {Show(address)}{(address.Equals(HostClient) ? " (host)" : "")}");
        return created;
    }

    /// <summary>One small package that says why: our client turns it into a clear error instead of a timeout.</summary>
    private async ValueTask TellRefused(IPEndPoint to, Refusal refusal, CancellationToken cancel)
    {
        byte[] update = new GameStateUpdate(Sqn.None).Encode(); // version 0: no client ever applies it
        byte[] why = new NetEvent(LibraryEvents.Refused, refusal.Reason, refusal.Temporary).Encode();
        await _transport!.SendAsync(Packages.EncodeServer(new PackageHeader(new Sqn(1), Sqn.None, 0), update, [why]), to, cancel);
    }

    private void OnText(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        if (datagram.Span.SequenceEqual("shutdown"u8) && from.Equals(HostClient))
        {
            Log($"host {Show(from)} asked to shut down");
            _stop.Cancel();
            return;
        }
        // PyGaSe stops for "shut_me_down" from anyone; we stop through cancellation and ignore it.
        Interlocked.Increment(ref Stats._ignoredText);
        _once.Line($"text:{Show(from)}", () => $"ignored a {datagram.Length}-byte datagram from {Show(from)} that is not a package: {Shorten(datagram.Span)}");
    }

    private async Task SendLoop(CancellationToken cancel)
    {
        TimeProvider time = _options.Time;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                long now = time.GetTimestamp();
                long nextDue = now + (long)(_options.GoodInterval.TotalSeconds * time.TimestampFrequency);
                // Packages due within the next eighth of an interval go now, with those due already: each client
                // is a few milliseconds early at most, and the loop wakes a few hundred times a second however
                // many clients there are, instead of once for each of their packages (10,000 a second at 256).
                long batch = now + (long)(_options.GoodInterval.TotalSeconds / 8 * time.TimestampFrequency);
                foreach (var (address, connection) in _connections)
                {
                    if (time.GetElapsedTime(connection.Link.LastHeardAt) > _options.ConnectionTimeout)
                    {
                        Remove(address);
                        continue;
                    }
                    PeerLink link = connection.Link;
                    if (link.Schedule.IsDue(batch))
                    {
                        SendTo(address, connection, cancel);
                        link.Schedule.Advance(link.SeemsDeaf ? DeafInterval : link.Congestion.Interval, now);
                    }
                    nextDue = Math.Min(nextDue, link.Schedule.Due);
                }
                if (time.GetElapsedTime(_lastPrune) > TimeSpan.FromSeconds(10))
                {
                    _admission.Prune();
                    _lastPrune = time.GetTimestamp();
                }
                TimeSpan wait = TimeSpan.FromSeconds((double)(nextDue - time.GetTimestamp()) / time.TimestampFrequency);
                if (wait > TimeSpan.Zero) await Task.WhenAny(Task.Delay(wait, time, cancel), Volatile.Read(ref _flush).Task);
                cancel.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    private long _lastPrune;
    private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Sends now to every client whose next package was due within its interval anyway: a game calls this
    /// right after a tick, so new views leave at once instead of waiting up to a send interval. The send rate
    /// does not change (congestion control still decides it).
    /// </summary>
    public void Flush()
    {
        long now = _options.Time.GetTimestamp();
        foreach (ServerConnection connection in _connections.Values)
            if (!connection.Link.SeemsDeaf) connection.Link.Schedule.PullIn(connection.Link.Congestion.Interval, now);
        Interlocked.Exchange(ref _flush, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Forgets a connection that went silent: its slot, its queues, and (through <see cref="ClientGone"/>) its player.</summary>
    private void Remove(IPEndPoint address)
    {
        if (!_connections.TryRemove(address, out _)) return;
        _admission.Release(address.Address);
        Interlocked.Increment(ref Stats._timedOut);
        Log($"{Show(address)} timed out and was removed");
        try { ClientGone?.Invoke(address); }
        catch (Exception e) { _once.Line("gone", () => $"BUG: the client-gone callback threw: {e}"); }
    }

    /// <summary>
    /// How often a client that acknowledges nothing still gets a package: enough to find out quickly when it
    /// listens again, far less than the 40 a second a crowd of fake clients that never read would cost.
    /// </summary>
    public static readonly TimeSpan DeafInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The one buffer every package is written into: the send loop is one thread and sends as it writes.</summary>
    private readonly byte[] _package = new byte[Packages.MaxSize];

    private void SendTo(IPEndPoint address, ServerConnection connection, CancellationToken cancel)
    {
        try
        {
            PeerLink link = connection.Link;
            byte[] update = connection.NextUpdate(_store, _options.UpdateBudget, Log);
            PackageHeader header = link.NextHeader();
            int length = Packages.WriteServerStart(_package, header, update);
            List<OutgoingEvent>? events = link.TakeEvents(Packages.MaxSize - length);
            foreach (OutgoingEvent e in events ?? []) length = Packages.WriteEvent(_package, length, e.Encoded);
            link.RecordSent(header.Sequence, events);
            // UDP sends do not wait for the peer: the transport hands the datagram to the kernel and returns.
            ValueTask sent = _transport!.SendAsync(_package.AsMemory(0, length), address, cancel);
            if (!sent.IsCompleted) sent.AsTask().GetAwaiter().GetResult();
            Interlocked.Increment(ref Stats._packagesSent);
            Interlocked.Add(ref Stats._bytesSent, length);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw; }
        catch (Exception e)
        {
            // One client's package going wrong must not stop the packages of everyone else.
            Interlocked.Increment(ref Stats._faults);
            _once.Line($"send:{e.GetType().Name}:{e.TargetSite?.Name}", () => $"BUG: building or sending a package to {Show(address)} threw; skipped: {e}");
        }
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    private static string Show(IPEndPoint e) => e.ToString();

    /// <summary>The start of a text datagram for the log: at most 40 bytes, decoded leniently (it is only shown).</summary>
    private static string Shorten(ReadOnlySpan<byte> bytes)
    {
        string text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 40)]);
        text = new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
        return bytes.Length <= 40 ? $"\"{text}\"" : $"\"{text}...\"";
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loops.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        _transport?.Dispose();
    }
}
