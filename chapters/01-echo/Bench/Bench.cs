using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Course.Cli;

namespace Echo;

/// <summary>
/// Round trips per second and latency of the echo server, each case next to the loopback floor measured
/// in the same run, so the ratio means something on any machine. The last case rebuilds the seed's
/// design (16-byte receives, Nagle on) to show what it cost.
/// </summary>
/// <remarks>
/// A shared virtual machine speeds up and slows down from second to second. So the floor and the echo
/// server are not measured one after the other but in alternating slices (ten of each), and each
/// figure pools its slices: both sides see the same weather. And by default the whole process is pinned
/// to one CPU core: a round trip between two threads on two cores of a virtual machine sometimes waits
/// for a sleeping core to wake (hundreds of microseconds), sometimes not, and the figures jump between
/// the two. On one core both threads take turns and the figures repeat from run to run.
/// </remarks>
public static class Bench
{
    private const int Slices = 10;
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    public static void Run(TimeSpan perCase, bool pinToOneCore, TextWriter output, Progress progress, string? chartPath, CancellationToken cancel)
    {
        bool pinned = pinToOneCore && PinToOneCore();
        output.WriteLine($"Each case: {perCase.TotalSeconds:0.##} s on loopback, one client, one message in flight, "
                         + (pinned ? "pinned to one CPU core." : "on all CPU cores."));
        output.WriteLine();
        output.WriteLine($"{"case",-46} {"round trips/s",14} {"p50 µs",10} {"p99 µs",10} {"p50 vs floor",13}");
        var rows = new List<(Latency Result, Latency? Floor)>();
        void Print(Latency result, Latency? floor)
        {
            // Each row as soon as it is measured: a bench that says nothing for a minute looks hung.
            progress.Done();
            rows.Add((result, floor));
            string ratio = floor is null ? "(floor)" : $"{result.P50Microseconds / floor.P50Microseconds:0.00}x";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Name,-46} {result.RoundTripsPerSecond,14:N0} {result.P50Microseconds,10:N1} {result.P99Microseconds,10:N1} {ratio,13}"));
        }

        using (var floor = new FloorServer())
        using (var echo = new EchoUnderTest(new EchoServerOptions(AnyLoopbackPort)))
        {
            foreach (int size in new[] { 32, 4096 })
            {
                progress.Step($"{Size(size)}: floor and echo server, {Slices} slices each ({Progress.Seconds(2 * perCase)})");
                var (floorResult, echoResult) = MeasureSideBySide(
                    new Target($"loopback floor, {Size(size)}", floor.EndPoint),
                    new Target($"echo server, {Size(size)}", echo.EndPoint),
                    size, perCase, cancel);
                Print(floorResult, null);
                Print(echoResult, floorResult);
            }
        }

        // The seed: each 16-byte chunk is echoed with its own send, and Nagle's algorithm holds the second
        // one until the first is acknowledged, which the client's delayed ACK postpones by ~40 ms.
        using (var seed = new EchoUnderTest(new EchoServerOptions(AnyLoopbackPort) { ChunkSize = 16, NoDelay = false }))
        {
            progress.Step($"the seed's design, 32 B ({Progress.Seconds(perCase)})");
            using var client = new Target("seed design, 32 B (16-byte chunks, Nagle on)", seed.EndPoint);
            client.Measure(new byte[32], perCase, cancel);
            Print(client.Latency.Finished(), rows[0].Result);
        }

        if (chartPath is not null)
        {
            // rows: floor 32 B, echo 32 B, floor 4 KiB, echo 4 KiB, seed 32 B.
            double P50(int row) => rows[row].Result.P50Microseconds;
            BenchChart.Bars(chartPath, "Median round trip on loopback (log scale)", "message size", ["32 B", "4 KiB"], "p50 round trip (µs)",
                [new Series("loopback floor", [P50(0), P50(2)]),
                 new Series("ours", [P50(1), P50(3)]),
                 new Series("seed design (16-byte chunks, Nagle on)", [P50(4), double.NaN])],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private static bool PinToOneCore()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) return false; // macOS has no affinity API
        try
        {
            // The lowest core we are allowed on: in a container or under `taskset` core 0 may be off limits.
            using Process self = Process.GetCurrentProcess();
            long allowed = (long)self.ProcessorAffinity;
            if (allowed == 0) return false;
            self.ProcessorAffinity = (nint)(allowed & -allowed);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or PlatformNotSupportedException or InvalidOperationException)
        {
            return false; // not allowed to pin: measure unpinned, and the header says so
        }
    }

    private static string Size(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KiB" : $"{bytes} B";

    private static (Latency, Latency) MeasureSideBySide(Target first, Target second, int size, TimeSpan duration, CancellationToken cancel)
    {
        using (first)
        using (second)
        {
            byte[] message = new byte[size];
            Random.Shared.NextBytes(message);
            TimeSpan slice = duration / Slices;
            for (int i = 0; i < Slices && !cancel.IsCancellationRequested; i++)
            {
                first.Measure(message, slice, cancel);
                second.Measure(message, slice, cancel);
            }
            return (first.Latency.Finished(), second.Latency.Finished());
        }
    }

    /// <summary>One client connection to one server, and the round trips measured on it.</summary>
    private sealed class Target : IDisposable
    {
        private readonly Socket _socket;
        private byte[] _reply = [];

        public Target(string name, IPEndPoint server)
        {
            Latency = new Latency(name);
            _socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket.Connect(server);
        }

        public Latency Latency { get; }

        /// <summary>Send, read the whole echo back, repeat, for <paramref name="duration"/>.</summary>
        public void Measure(byte[] message, TimeSpan duration, CancellationToken cancel)
        {
            if (_reply.Length != message.Length)
            {
                _reply = new byte[message.Length];
                // Warm up (JIT, caches, TCP state) before the first slice; the seed design is slow, so cap it.
                var warmUp = Stopwatch.StartNew();
                for (int i = 0; i < 200 && warmUp.Elapsed < TimeSpan.FromMilliseconds(300); i++) RoundTrip(message);
            }

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
            {
                long start = Stopwatch.GetTimestamp();
                RoundTrip(message);
                Latency.Add(Stopwatch.GetTimestamp() - start);
            }
            Latency.AddTime(clock.Elapsed);
        }

        private void RoundTrip(byte[] message)
        {
            SocketIO.SendAll(_socket, message);
            if (SocketIO.ReceiveExactly(_socket, _reply) != _reply.Length)
                throw new InvalidOperationException("the server closed the connection during the benchmark");
        }

        public void Dispose()
        {
            _socket.Shutdown(SocketShutdown.Both);
            _socket.Dispose();
        }
    }

    /// <summary>Our real echo server, quiet, on its own thread, until disposed.</summary>
    private sealed class EchoUnderTest : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public EchoUnderTest(EchoServerOptions options)
        {
            var listening = new TaskCompletionSource<IPEndPoint>();
            _thread = new Thread(() => new EchoServer(options, Log.Null).Run(ep => listening.SetResult(ep), _stop.Token))
            {
                IsBackground = true,
                Name = "echo server under test",
            };
            _thread.Start();
            EndPoint = listening.Task.GetAwaiter().GetResult();
        }

        public IPEndPoint EndPoint { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }
}
