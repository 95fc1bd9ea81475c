using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Course.Bench;

/// <summary>
/// floor.c's three programs in C#, for machines without a C compiler: the same exchanges, as bare as C#
/// allows (blocking sockets, one buffer, no logging, no protocol). Each listens on 127.0.0.1, prints
/// "floor: listening on 127.0.0.1:PORT" and runs until <c>stop</c> (Ctrl+C).
/// </summary>
internal static class DotnetFloors
{
    public static void PingPong(CancellationToken stop)
    {
        using Socket listener = Listen(stop);
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using Socket peer = listener.Accept();
                peer.NoDelay = true;
                int n;
                while ((n = peer.Receive(buffer)) > 0) peer.Send(buffer, 0, n, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* stopped, or the client left mid-way */ }
    }

    public static void Relay(CancellationToken stop)
    {
        using Socket listener = Listen(stop);
        var everyone = new List<Peer>();
        var gate = new Lock();
        try
        {
            while (true)
            {
                var peer = new Peer(listener.Accept());
                lock (gate) everyone.Add(peer);
                _ = ForwardLinesAsync(peer, everyone, gate);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* stopped */ }
    }

    /// <summary>Whole lines only, each posted to every other client under one lock, so lines never interleave.</summary>
    private static async Task ForwardLinesAsync(Peer from, List<Peer> everyone, Lock gate)
    {
        byte[] buffer = new byte[64 * 1024];
        int filled = 0;
        try
        {
            int n;
            while ((n = await from.Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                filled += n;
                int end = Array.LastIndexOf(buffer, (byte)'\n', filled - 1);
                if (end < 0)
                {
                    if (filled == buffer.Length) filled = 0; // a line too long: dropped
                    continue;
                }
                lock (gate)
                    foreach (Peer to in everyone)
                        if (to != from) to.Post(buffer.AsSpan(0, end + 1));
                Buffer.BlockCopy(buffer, end + 1, buffer, 0, filled - end - 1);
                filled -= end + 1;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        lock (gate) everyone.Remove(from);
        from.Socket.Dispose();
    }

    public static void Ticker(long periodMicroseconds, int bytes, CancellationToken stop)
    {
        using Socket listener = Listen(stop);
        var everyone = new List<Peer>();
        var gate = new Lock();
        var ticking = new Thread(() => Tick(periodMicroseconds, Math.Max(8, bytes), everyone, gate, stop)) { IsBackground = true, Name = "floor ticker" };
        ticking.Start();
        try
        {
            while (true)
            {
                var peer = new Peer(listener.Accept());
                lock (gate) everyone.Add(peer);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* stopped */ }
        ticking.Join();
    }

    private static void Tick(long periodMicroseconds, int bytes, List<Peer> everyone, Lock gate, CancellationToken stop)
    {
        byte[] message = new byte[bytes];
        long origin = Stopwatch.GetTimestamp();
        double period = periodMicroseconds * Stopwatch.Frequency / 1e6;
        for (long slot = 1; !stop.IsCancellationRequested; slot++)
        {
            // A fixed schedule (no drift): slot n is due at origin + n periods. Thread.Sleep wakes up to a
            // millisecond late, so sleep until a millisecond before, then spin the rest.
            long due = origin + (long)(slot * period);
            while (true)
            {
                double left = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (left <= 0) break;
                if (left > 1.5) Thread.Sleep(TimeSpan.FromMilliseconds(left - 1));
                else Thread.SpinWait(50);
            }
            BinaryPrimitives.WriteInt64LittleEndian(message, slot);
            lock (gate)
            {
                everyone.RemoveAll(p => p.Gone);
                foreach (Peer peer in everyone) peer.Post(message);
            }
        }
    }

    /// <summary>
    /// One client of the relay or the ticker: what the kernel takes now is sent at once (the socket does not
    /// block); the rest waits in this client's own queue and is sent by a task of its own, all of it in one
    /// send, so one slow reader never holds up the others and a client that fell behind catches up cheaply.
    /// </summary>
    private sealed class Peer
    {
        private readonly Lock _gate = new();
        private readonly Queue<byte[]> _pending = new();
        private bool _flushing;

        public Peer(Socket socket)
        {
            Socket = socket;
            socket.NoDelay = true;
            socket.Blocking = false;
        }

        public Socket Socket { get; }
        public bool Gone { get; private set; }

        public void Post(ReadOnlySpan<byte> data)
        {
            lock (_gate)
            {
                if (Gone) return;
                if (!_flushing)
                {
                    int sent = Socket.Send(data, SocketFlags.None, out SocketError error);
                    if (error == SocketError.Success && sent == data.Length) return;
                    if (error is not (SocketError.Success or SocketError.WouldBlock)) { Gone = true; return; }
                    data = data[(error == SocketError.Success ? sent : 0)..];
                    _flushing = true;
                    _ = FlushAsync();
                }
                _pending.Enqueue(data.ToArray());
            }
        }

        private async Task FlushAsync()
        {
            await Task.Yield(); // not inside Post's lock
            try
            {
                while (true)
                {
                    // Everything waiting leaves in one send: a client that fell behind catches up in one call.
                    byte[] next;
                    lock (_gate)
                    {
                        if (_pending.Count == 0) { _flushing = false; return; }
                        next = [.. _pending.SelectMany(b => b)];
                        _pending.Clear();
                    }
                    await Socket.SendAsync(next, SocketFlags.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                lock (_gate) Gone = true;
            }
        }
    }

    private static Socket Listen(CancellationToken stop)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        // Ctrl+C: closing the listener wakes the blocked Accept.
        stop.Register(listener.Dispose);
        Console.WriteLine($"floor: listening on 127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}");
        return listener;
    }
}
