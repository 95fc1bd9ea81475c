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
    internal long _malformed, _duplicates, _tooOld, _oversize, _ignoredText, _packagesSent, _bytesSent, _timedOut;
    public long Malformed => Interlocked.Read(ref _malformed);
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
/// too late, unknown text) is counted and logged and ends there: one datagram never ends the server.
/// The send loop walks the connections, sends to those whose slot is due, and removes those silent for
/// the connection timeout.
/// </remarks>
public sealed class Server : IAsyncDisposable
{
    /// <summary>The most bytes of state one package carries; a bigger delta is sent in chunks (leaves room for events).</summary>
    public const int UpdateBudget = 1600;

    private readonly GameStateStore _store;
    private readonly PeerOptions _options;
    private readonly ConcurrentDictionary<IPEndPoint, ServerConnection> _connections = new();
    private readonly ConcurrentDictionary<string, Action<NetEvent, IPEndPoint>> _handlers = new();
    private readonly CancellationTokenSource _stop = new();
    private IDatagramTransport? _transport;
    private Task _loops = Task.CompletedTask;

    public Server(GameStateStore store, PeerOptions? options = null)
    {
        _store = store;
        _options = options ?? new PeerOptions();
    }

    public IPEndPoint EndPoint => _transport?.LocalEndPoint ?? throw new InvalidOperationException("the server is not started.");
    public IPEndPoint? HostClient { get; private set; }
    public IReadOnlyCollection<IPEndPoint> Connections => [.. _connections.Keys];
    public ServerStats Stats { get; } = new();

    /// <summary>Where every client event goes after the server-level handlers: usually the game loop's queue.</summary>
    public Action<NetEvent, IPEndPoint>? EventWire { get; set; }

    /// <summary>Completes when the server has stopped (disposed, or shut down by its host client).</summary>
    public Task Stopped => _loops;

    /// <summary>A handler run by the server itself when the event arrives (not in the game loop).</summary>
    public void RegisterEventHandler(string eventType, Action<NetEvent, IPEndPoint> handler) => _handlers[eventType] = handler;

    public Task StartAsync(IPEndPoint endPoint)
    {
        IDatagramTransport transport = new UdpTransport(endPoint);
        if (!_options.Network.IsPerfect) transport = new SimulatedNetwork(transport, _options.Network, _options.Seed, _options.Time);
        _transport = transport;
        _loops = Task.WhenAll(Task.Run(() => ReceiveLoop(_stop.Token)), Task.Run(() => SendLoop(_stop.Token)));
        Log($"listening on {Show(EndPoint)}" + (_options.Network.IsPerfect ? "" : $" (simulated network: {_options.Network})"));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Queues an event for one client or (target null) all of them. With retries it is resent when its package
    /// is lost, and applied once by our clients. Keyword data works here (PyGaSe's own server cannot send it).
    /// </summary>
    public void DispatchEvent(NetEvent e, IPEndPoint? target = null, int retries = 0, Action<IPEndPoint>? ackCallback = null)
    {
        foreach (var (address, connection) in _connections)
        {
            if (target is not null && !address.Equals(target)) continue;
            connection.Link.Queue(e, retries, ackCallback is null ? null : () => ackCallback(address));
        }
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
                OnDatagram(buffer.AsMemory(0, length), from);
            }
            catch (FormatException e)
            {
                Interlocked.Increment(ref Stats._malformed);
                Log($"dropped a malformed datagram from {Show(from)}: {e.Message}");
            }
        }
    }

    private void OnDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        if (!PackageHeader.IsPackage(datagram.Span))
        {
            OnText(datagram, from);
            return;
        }
        if (datagram.Length > Packages.MaxSize)
        {
            Interlocked.Increment(ref Stats._oversize);
            Log($"dropped a {datagram.Length}-byte package from {Show(from)} (limit {Packages.MaxSize})");
            return;
        }
        var (header, version, events) = Packages.DecodeClient(datagram);
        ServerConnection connection = _connections.GetOrAdd(from, address =>
        {
            var created = new ServerConnection(new PeerLink(_options));
            if (HostClient is null) HostClient = address;
            Log($"new connection from {Show(address)}{(address.Equals(HostClient) ? " (host)" : "")}");
            return created;
        });
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
            if (_handlers.TryGetValue(clean.Type, out var handler))
            {
                try { handler(clean, from); }
                catch (Exception ex) { Log($"server handler for {clean.Type} failed: {ex.Message}"); }
            }
            EventWire?.Invoke(clean, from);
        }
    }

    private void OnText(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        string text;
        try { text = new UTF8Encoding(false, true).GetString(datagram.Span); }
        catch (ArgumentException) { text = "(not UTF-8)"; }
        if (text == "shutdown" && from.Equals(HostClient))
        {
            Log($"host {Show(from)} asked to shut down");
            _stop.Cancel();
            return;
        }
        // PyGaSe stops for "shut_me_down" from anyone; we stop through cancellation and ignore it.
        Interlocked.Increment(ref Stats._ignoredText);
        Log($"ignored a {datagram.Length}-byte datagram from {Show(from)} that is not a package: {Shorten(text)}");
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
                foreach (var (address, connection) in _connections)
                {
                    if (time.GetElapsedTime(connection.Link.LastHeardAt) > _options.ConnectionTimeout)
                    {
                        _connections.TryRemove(address, out _);
                        Interlocked.Increment(ref Stats._timedOut);
                        Log($"{Show(address)} timed out and was removed");
                        continue;
                    }
                    PeerLink link = connection.Link;
                    if (link.Schedule.IsDue(now))
                    {
                        await SendTo(address, connection, cancel);
                        link.Schedule.Advance(link.Congestion.Interval, now);
                    }
                    nextDue = Math.Min(nextDue, link.Schedule.Due);
                }
                TimeSpan wait = TimeSpan.FromSeconds((double)(nextDue - time.GetTimestamp()) / time.TimestampFrequency);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    private async Task SendTo(IPEndPoint address, ServerConnection connection, CancellationToken cancel)
    {
        byte[] update = connection.NextUpdate(_store, UpdateBudget, Log);
        PeerHeaderAndEvents(connection.Link, PackageHeader.Size + 2 + update.Length, out PackageHeader header, out var events);
        byte[] package = Packages.EncodeServer(header, update, events.Select(e => e.Encoded).ToList());
        connection.Link.RecordSent(header.Sequence, events);
        await _transport!.SendAsync(package, address, cancel);
        Interlocked.Increment(ref Stats._packagesSent);
        Interlocked.Add(ref Stats._bytesSent, package.Length);
    }

    private static void PeerHeaderAndEvents(PeerLink link, int used, out PackageHeader header, out List<OutgoingEvent> events)
    {
        header = link.NextHeader();
        events = link.TakeEvents(Packages.MaxSize - used);
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    private static string Show(IPEndPoint e) => e.ToString();

    private static string Shorten(string text) => text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..40]}...\"";

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loops.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        _transport?.Dispose();
    }
}
