using System.Net;
using Course.Cli;

namespace Chat;

/// <summary>
/// The server and three scripted clients in one process. Each step is one line from one client, then a
/// barrier (<see cref="ScriptedClient.SyncAsync"/>) on every client, so each client's transcript comes
/// out the same on every run, and can be shown side by side, like three terminals.
/// </summary>
public static class Demo
{
    public static readonly (string Who, string Line)[] Script =
    [
        ("alice", "/nick alice"),
        ("bob", "/nick bob"),
        ("carol", "/nick Alice"),
        ("carol", "/nick carol"),
        ("alice", "hello, everyone!"),
        ("bob", "/me waves"),
        ("carol", "/who"),
        ("alice", "/msg bob are you coming to the game tonight?"),
        ("bob", "/msg alice yes, at eight"),
        ("carol", "/msg dave hi"),
        ("carol", "/dance"),
        ("bob", "/quit"),
        ("alice", "bob left early"),
    ];

    public static async Task RunAsync(TextWriter output, TlsChoice? tls, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, CancellationToken cancel)
    {
        output.WriteLine("--- the script: who typed what ---");
        foreach (var (who, line) in Script) output.WriteLine($"{who,5}> {line}");
        output.WriteLine();

        var serverLog = new StringWriter();
        var server = new ChatServer(new ChatServerOptions(new IPEndPoint(IPAddress.Loopback, 0))
            {
                Certificate = certificate,
                // The script and its /ping barriers go faster than a person types; flood control would drop them.
                MessagesPerSecond = 1000,
                Burst = 1000,
            },
            new Log(TextWriter.Synchronized(serverLog), "server"));
        using var stopServer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var listening = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task running = server.RunAsync(listening.SetResult, stopServer.Token);
        IPEndPoint endPoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);

        // Join one by one, so guest numbers are the same on every run.
        var clients = new Dictionary<string, ScriptedClient>();
        foreach (string name in new[] { "alice", "bob", "carol" })
        {
            clients[name] = await ScriptedClient.ConnectAsync(name, endPoint, tls, cancel);
            foreach (ScriptedClient c in clients.Values) await c.SyncAsync(cancel);
        }

        var finished = new List<ScriptedClient>();
        foreach (var (who, line) in Script)
        {
            ScriptedClient speaker = clients[who];
            await speaker.SayAsync(line, cancel);
            if (line == "/quit")
            {
                await speaker.WaitForCloseAsync(cancel);
                clients.Remove(who);
                await speaker.DisposeAsync();
                finished.Add(speaker);
            }
            else
            {
                // The speaker first: once its /ping is answered, its line has been broadcast to every outbox.
                await speaker.SyncAsync(cancel);
            }
            foreach (ScriptedClient c in clients.Values) await c.SyncAsync(cancel);
        }

        // Ctrl+C on the server: the clients still connected get the goodbye.
        await stopServer.CancelAsync();
        await running;
        foreach (ScriptedClient c in clients.Values)
        {
            await c.WaitForCloseAsync(cancel);
            await c.DisposeAsync();
            finished.Add(c);
        }
        foreach (ScriptedClient c in finished.OrderBy(c => c.Name, StringComparer.Ordinal)) Show(output, c);
        output.WriteLine("--- the server's log ---");
        output.Write(serverLog.ToString());
    }

    private static void Show(TextWriter output, ScriptedClient client)
    {
        output.WriteLine($"--- what {client.Name} saw ---");
        foreach (string line in client.Seen) output.WriteLine(line);
        output.WriteLine();
    }
}
