using System.Net;
using Course.Cli;

namespace Dots;

/// <summary>
/// A server and three bots in one process for a fixed time, printing the protocol as it flows: what each
/// bot sends (<c>-&gt;</c>) and what bot 1 receives (<c>&lt;-</c>), which is what every player receives.
/// </summary>
public static class Demo
{
    public static void Run(TimeSpan duration, TextWriter output, CancellationToken cancel)
    {
        var log = new Log(output, "server");
        using var stopServer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var server = new DotsServer(new ServerOptions(new IPEndPoint(IPAddress.Loopback, 0)), log);
        var listening = new TaskCompletionSource<IPEndPoint>();
        var serverThread = new Thread(() =>
        {
            try { server.Run(ep => listening.TrySetResult(ep), stopServer.Token); }
            catch (Exception e) { listening.TrySetException(e); }
        }) { Name = "server" };
        serverThread.Start();
        IPEndPoint endPoint = listening.Task.GetAwaiter().GetResult();

        var bots = new List<Thread>();
        using var stopBots = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        for (int i = 1; i <= 3; i++)
        {
            Log botLog = log.For($"bot {i}");
            var connection = DotsConnection.Connect(endPoint, TimeSpan.FromSeconds(5));
            var bot = new Bot(connection, seed: i, TimeSpan.FromMilliseconds(400 + 100 * i), botLog)
            {
                OnSent = line => botLog.Line($"-> {line}"),
                OnLine = i == 1 ? line => botLog.Line($"<- {line}") : null,
            };
            var thread = new Thread(() => { using (connection) bot.Run(stopBots.Token); }) { Name = $"bot {i}" };
            thread.Start();
            bots.Add(thread);
            Thread.Sleep(200); // join one after the other, so the greetings are easy to read
        }

        cancel.WaitHandle.WaitOne(duration);
        stopBots.Cancel();
        foreach (Thread bot in bots) bot.Join();
        stopServer.Cancel();
        serverThread.Join();
    }
}
