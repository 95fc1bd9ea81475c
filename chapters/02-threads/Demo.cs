using System.Collections.Concurrent;
using System.Net;
using Course.Cli;

namespace Dots;

/// <summary>
/// A server and three bots in one process, printing the protocol as it flows: what a bot sends
/// (<c>-&gt;</c>) and what bot 1 receives (<c>&lt;-</c>), which is what every player receives.
/// </summary>
/// <remarks>
/// The demo plays the bots in turns. One bot joins, moves or leaves, and the next step waits until every
/// bot still playing has received the server's line about it. So each line follows from the one before,
/// and every run prints the same lines (only the ports differ), from a real server over real sockets.
/// The <c>bot</c> verb moves on its own timer instead: run a few of those against one server and their
/// lines interleave differently every time, which is what a real game looks like.
/// </remarks>
public static class Demo
{
    /// <summary>How long any one step may take before the demo gives up: a demo must never hang.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Three bots join, each moves once per round, then they leave, last first; <paramref name="pause"/> between steps.</summary>
    public static void Run(int rounds, TimeSpan pause, TextWriter output, CancellationToken cancel)
    {
        var log = new Log(output, "server");
        using var stopServer = new CancellationTokenSource();
        var server = new DotsServer(new ServerOptions(new IPEndPoint(IPAddress.Loopback, 0)), log);
        var listening = new TaskCompletionSource<IPEndPoint>();
        Exception? serverFailure = null;
        var serverThread = new Thread(() =>
        {
            try { server.Run(ep => listening.TrySetResult(ep), stopServer.Token); }
            catch (Exception e)
            {
                serverFailure = e;
                listening.TrySetException(e);
            }
        }) { Name = "server" };
        serverThread.Start();

        var playing = new List<DemoBot>();
        try
        {
            IPEndPoint endPoint = listening.Task.GetAwaiter().GetResult();
            for (int id = 1; id <= 3; id++)
            {
                playing.Add(DemoBot.Join(id, endPoint, log.For($"bot {id}")));
                foreach (DemoBot bot in playing) bot.WaitFor("newPlayer", id, cancel);
                cancel.WaitHandle.WaitOne(pause);
            }
            for (int round = 0; round < rounds; round++)
            {
                foreach (DemoBot mover in playing)
                {
                    mover.MoveOneStep();
                    foreach (DemoBot bot in playing) bot.WaitFor("playerMoved", mover.Id, cancel);
                    cancel.WaitHandle.WaitOne(pause);
                }
            }
            // The last to join leaves first, so bot 1 hears every goodbye but its own.
            while (playing.Count > 1)
            {
                DemoBot leaving = playing[^1];
                playing.Remove(leaving);
                leaving.Leave();
                foreach (DemoBot bot in playing) bot.WaitFor("playerLeft", leaving.Id, cancel);
                cancel.WaitHandle.WaitOne(pause);
            }
            // Nobody is left to hear bot 1 leave: wait until the server has said goodbye to it.
            playing[0].Leave();
            playing.Clear();
            var deadline = DateTime.UtcNow + Patience;
            while (server.PlayerThreads > 0 && DateTime.UtcNow < deadline) cancel.WaitHandle.WaitOne(10);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C: tidy up below, like at the end.
        }
        finally
        {
            foreach (DemoBot bot in playing) bot.Leave();
            stopServer.Cancel();
            serverThread.Join();
        }
        if (serverFailure is not null) throw serverFailure;
    }

    /// <summary>
    /// One of the demo's bots: a connection, the seeded walk of <c>bot --seed N</c>, and an inbox that a
    /// receive thread of its own fills. Bot 1 prints what it takes from its inbox.
    /// </summary>
    private sealed class DemoBot
    {
        private readonly DotsConnection _connection;
        private readonly Random _walk;
        private readonly Log _log;
        private readonly BlockingCollection<string> _inbox = new();
        private readonly Thread _receiver;

        private DemoBot(int id, DotsConnection connection, Log log)
        {
            Id = id;
            _connection = connection;
            _walk = new Random(id);
            _log = log;
            _receiver = new Thread(() =>
            {
                while (_connection.ReadLine() is { } line) _inbox.Add(line);
                _inbox.CompleteAdding();
            }) { Name = $"bot {id} receive", IsBackground = true };
            _receiver.Start();
        }

        public int Id { get; }

        /// <summary>Connects and says join; returns once the server has greeted it.</summary>
        public static DemoBot Join(int id, IPEndPoint server, Log log)
        {
            log.Line($"-> {Messages.Join}");
            return new DemoBot(id, DotsConnection.Connect(server, Patience), log);
        }

        /// <summary>One step of the seeded walk, printed before it is sent, so it comes before its answer.</summary>
        public void MoveOneStep()
        {
            int dx = _walk.Next(-1, 2), dy = _walk.Next(-1, 2);
            _log.Line($"-> {Messages.Move(dx, dy)}");
            if (!_connection.Move(dx, dy)) throw new UserError($"the demo's {_log.Role} could not send its move: {_connection.Ending}.");
        }

        /// <summary>Takes lines from the inbox until the server's line about player <paramref name="id"/> comes (bounded).</summary>
        public void WaitFor(string command, int id, CancellationToken cancel)
        {
            while (true)
            {
                if (!_inbox.TryTake(out string? line, (int)Patience.TotalMilliseconds, cancel))
                {
                    string why = _inbox.IsAddingCompleted ? _connection.Ending : $"nothing for {Patience.TotalSeconds:0} s";
                    throw new UserError($"the demo's {_log.Role} waited for '{command} {id}' in vain: {why}.");
                }
                if (Id == 1) _log.Line($"<- {line}");
                if (Messages.TryParse(line, out string said, out int[] numbers) && said == command
                    && numbers.Length > 0 && numbers[0] == id)
                    return;
            }
        }

        /// <summary>Hangs up (end of stream) and waits for its receive thread to see the end.</summary>
        public void Leave()
        {
            _log.Line("leaves");
            _connection.Close();
            _receiver.Join(Patience);
            _connection.Dispose();
        }
    }
}
