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
        var everyone = new List<Socket>();
        var gate = new Lock();
        try
        {
            while (true)
            {
                Socket peer = listener.Accept();
                peer.NoDelay = true;
                lock (gate) everyone.Add(peer);
                _ = ForwardLinesAsync(peer, everyone, gate);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* stopped */ }
    }

    /// <summary>Whole lines only, each sent to every other client under one lock, so lines never interleave.</summary>
    private static async Task ForwardLinesAsync(Socket from, List<Socket> everyone, Lock gate)
    {
        byte[] buffer = new byte[64 * 1024];
        int filled = 0;
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                filled += n;
                int end = Array.LastIndexOf(buffer, (byte)'\n', filled - 1);
                if (end < 0)
                {
                    if (filled == buffer.Length) filled = 0; // a line too long: dropped
                    continue;
                }
                lock (gate)
                    foreach (Socket to in everyone)
                        if (to != from)
                            try { to.Send(buffer, 0, end + 1, SocketFlags.None); }
                            catch (SocketException) { /* that one left; its own reader removes it */ }
                Buffer.BlockCopy(buffer, end + 1, buffer, 0, filled - end - 1);
                filled -= end + 1;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        lock (gate) everyone.Remove(from);
        from.Dispose();
    }

    public static void Ticker(long periodMicroseconds, int bytes, CancellationToken stop)
    {
        using Socket listener = Listen(stop);
        var everyone = new List<Socket>();
        var gate = new Lock();
        var ticking = new Thread(() => Tick(periodMicroseconds, Math.Max(8, bytes), everyone, gate, stop)) { IsBackground = true, Name = "floor ticker" };
        ticking.Start();
        try
        {
            while (true)
            {
                Socket peer = listener.Accept();
                peer.NoDelay = true;
                lock (gate) everyone.Add(peer);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* stopped */ }
        ticking.Join();
    }

    private static void Tick(long periodMicroseconds, int bytes, List<Socket> everyone, Lock gate, CancellationToken stop)
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
                for (int i = everyone.Count - 1; i >= 0; i--)
                    try { everyone[i].Send(message); }
                    catch (SocketException) { everyone[i].Dispose(); everyone.RemoveAt(i); }
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
