using System.CommandLine;
using System.Net;
using Course.Cli;

namespace Dots;

/// <summary>
/// The picture of time on chapter 02's page: two players, each moving once, and each move crossing the
/// server's threads. A player's thread reads the move and queues the result; the relay thread takes it and
/// sends it to every player, one after the other. The server records its side (ServerOptions.Trace); the
/// two clients here stamp what they send and when each line arrives.
/// </summary>
public static class Timeline
{
    private static readonly string[] Lanes =
        ["player 1's client", "player 1's thread", "relay thread", "player 2's thread", "player 2's client"];

    /// <summary>The hidden <c>trace</c> verb: writes the trace the page's figure is drawn from (.ci/trace).</summary>
    public static Command Create() =>
        new Command("trace", "Record two moves crossing the server's threads, for the timeline on the chapter's page") { Hidden = true }
            .WithAction((_, cancel) =>
            {
                Console.Out.Write(Record(cancel));
                return Task.FromResult(ExitCodes.Success);
            });

    public static string Record(CancellationToken cancel)
    {
        var trace = new TimeTrace("Two moves crossing the dots server's threads")
            .Lanes(Lanes);
        var options = new ServerOptions(new IPEndPoint(IPAddress.Loopback, 0)) { Trace = trace };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var listening = new TaskCompletionSource<IPEndPoint>();
        var server = new Thread(() =>
        {
            try { new DotsServer(options, Log.Null).Run(listening.SetResult, stop.Token); }
            catch (Exception e) { listening.TrySetException(e); }
        }) { Name = "server" };
        server.Start();
        try
        {
            IPEndPoint endPoint = listening.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel).GetAwaiter().GetResult();
            using var one = new Listener(trace, DotsConnection.Connect(endPoint, TimeSpan.FromSeconds(5)), 1);
            one.WaitFor("newPlayer 1 ", 0);
            using var two = new Listener(trace, DotsConnection.Connect(endPoint, TimeSpan.FromSeconds(5)), 2);
            two.WaitFor("newPlayer 2 ", 0);
            one.WaitFor("newPlayer 2 ", 0);

            // Twice: the first round runs code the JIT compiles on the way, so it is left out of the figure.
            for (int round = 0; round < 2; round++)
            {
                trace.Clear();
                foreach (var (mover, dx, dy) in new[] { (one, 1, 0), (two, 0, 1) })
                {
                    string move = Messages.Move(dx, dy);
                    trace.Send($"player {mover.Id}'s client", $"{move} from {mover.Id}", $"sends {move}");
                    mover.Connection.Move(dx, dy);
                    one.WaitFor($"playerMoved {mover.Id} ", round);
                    two.WaitFor($"playerMoved {mover.Id} ", round);
                }
            }
        }
        finally
        {
            stop.Cancel();
            server.Join(TimeSpan.FromSeconds(10));
        }
        return trace.Write();
    }

    /// <summary>One client, reading on a thread of its own so each line is stamped when it arrives.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly TimeTrace _trace;
        private readonly List<string> _lines = [];
        private readonly Thread _thread;

        public Listener(TimeTrace trace, DotsConnection connection, int id)
        {
            _trace = trace;
            Connection = connection;
            Id = id;
            _thread = new Thread(Read) { IsBackground = true, Name = $"client {id}" };
            _thread.Start();
        }

        public DotsConnection Connection { get; }
        public int Id { get; }

        /// <summary>Waits until more than <paramref name="earlier"/> lines starting with <paramref name="prefix"/> have arrived.</summary>
        public void WaitFor(string prefix, int earlier)
        {
            lock (_lines)
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while (_lines.Count(line => line.StartsWith(prefix, StringComparison.Ordinal)) <= earlier)
                    if (!Monitor.Wait(_lines, deadline - DateTime.UtcNow))
                        throw new TimeoutException($"client {Id} never received '{prefix}...'");
            }
        }

        private void Read()
        {
            while (Connection.ReadLine() is { } line)
            {
                if (line.StartsWith("playerMoved ", StringComparison.Ordinal))
                    _trace.Receive($"player {Id}'s client", $"{line} to {Id}", $"reads {Relay.Words(line)}");
                lock (_lines)
                {
                    _lines.Add(line);
                    Monitor.PulseAll(_lines);
                }
            }
        }

        public void Dispose()
        {
            Connection.Dispose();
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
