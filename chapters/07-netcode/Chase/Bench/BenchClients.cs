using System.Diagnostics;
using System.Globalization;
using System.Net;
using Course.Bench;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Chase.Bench;

/// <summary>
/// The load: N library clients in this process (the bench runs it apart from the server, on the other
/// core), each sending <c>PING(index, k)</c> 30 times a second, spread evenly over the period, and timing
/// each k from the moment it was dispatched until the client sees it come back (in the shared state, or
/// in its own view). Prints one <c>result</c> line for the bench to read.
/// </summary>
public static class BenchClients
{
    public const double EventsPerSecond = 30;

    public static async Task RunAsync(IPEndPoint server, int count, bool views, TimeSpan duration, TextWriter output, CancellationToken cancel)
    {
        var clients = new List<Watched>(count);
        try
        {
            for (int i = 0; i < count; i++) clients.Add(await Watched.ConnectAsync(server, i, views, cancel));
            output.WriteLine($"clients: {count} connected");
            await Task.Delay(1000, cancel); // everyone's first snapshot settles

            long[] updatesBefore = [.. clients.Select(c => c.Updates)];
            long[] bytesBefore = [.. clients.Select(c => c.Client.BytesReceived)];
            var latency = new Latency();
            foreach (Watched c in clients) c.Latency = latency;
            var clock = Stopwatch.StartNew();
            double period = 1 / EventsPerSecond;
            long round = 0;
            while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
            {
                // Each client's slot within the period: client i sends at (round + i/N) · period.
                round++;
                for (int i = 0; i < clients.Count; i++)
                {
                    double due = (round - 1 + (double)i / clients.Count) * period;
                    double wait = due - clock.Elapsed.TotalSeconds;
                    if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait), cancel);
                    clients[i].Ping(round);
                }
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double updates = clients.Select((c, i) => c.Updates - updatesBefore[i]).Sum() / (double)count / seconds;
            double bytes = clients.Select((c, i) => c.Client.BytesReceived - bytesBefore[i]).Sum() / (double)count / seconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result updates {updates:F2} kbps {bytes / 1024:F2} samples {latency.Count} p50 {latency.Percentile(50):F2} p99 {latency.Percentile(99):F2} p999 {latency.Percentile(99.9):F2} max {latency.Max:F2}"));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.Client.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One client and the pings it is waiting to see.</summary>
    private sealed class Watched
    {
        private readonly Dictionary<long, long> _sentAt = [];
        private readonly int _index;
        private long _updates;

        private Watched(Client client, int index) => (Client, _index) = (client, index);

        public Client Client { get; }
        public Latency? Latency { get; set; }
        public long Updates => Interlocked.Read(ref _updates);

        public static async Task<Watched> ConnectAsync(IPEndPoint server, int index, bool views, CancellationToken cancel)
        {
            while (true)
            {
                var watched = new Watched(new Client(), index);
                if (views) watched.Client.RegisterEventHandler("ECHO", e => watched.Saw(e.Arg<long>(1)));
                else watched.Client.OnUpdate = state => watched.SawState(state);
                try
                {
                    await watched.Client.ConnectAsync(server, TimeSpan.FromSeconds(30), cancel);
                    return watched;
                }
                catch (RefusedException e) when (e.Temporary)
                {
                    // Still refused after 30 s of knocking (the server admits 100 new connections a second from
                    // one address, and other processes may be knocking too): try once more.
                    await Task.Delay(200, cancel);
                }
            }
        }

        public void Ping(long k)
        {
            lock (_sentAt) _sentAt[k] = Stopwatch.GetTimestamp();
            Client.DispatchEvent(new NetEvent("PING", (long)_index, k));
        }

        private void SawState(GameState state)
        {
            if (state.Has("last") && state["last"] is StateMap last && last.TryGetValue((long)_index, out object? v)) Saw(Values.As<long>(v));
            else Interlocked.Increment(ref _updates);
        }

        /// <summary>A new update or view showing our k: every ping up to k has come back now.</summary>
        private void Saw(long k)
        {
            Interlocked.Increment(ref _updates);
            long now = Stopwatch.GetTimestamp();
            lock (_sentAt)
            {
                foreach (long sent in _sentAt.Keys.Where(s => s <= k).ToList())
                {
                    Latency?.Record(Stopwatch.GetElapsedTime(_sentAt[sent], now).TotalMilliseconds, 1000 / EventsPerSecond);
                    _sentAt.Remove(sent);
                }
            }
        }
    }
}
