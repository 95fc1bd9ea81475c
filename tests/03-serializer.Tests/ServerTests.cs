using System.Net;
using Course.Cli;
using Course.Testing;
using Serializer.Network;

namespace Serializer.Tests;

/// <summary>
/// The seed game's failure, replayed against our server over real loopback sockets: a client sends the
/// pickle attack. Ours refuses it in one log line, drops that client, and serves the next one.
/// </summary>
public sealed class ServerTests
{
    [Fact]
    public async Task A_hostile_client_is_dropped_and_the_next_client_is_served()
    {
        var serverLog = new Transcript();
        var clientOutput = new Transcript();
        await using (LoopbackServer server = await LoopbackServer.StartAsync((onListening, stop) =>
            new RoomServer(new IPEndPoint(IPAddress.Loopback, 0), new Log(serverLog, "server")).RunAsync(onListening, stop)))
        {
            string[] examples = ["shared", "attack", "cycle"];
            for (int i = 0; i < examples.Length; i++)
            {
                clientOutput.WriteLine($"--- client --example {examples[i]} ---");
                await RoomClient.RunAsync(server.EndPoint, examples[i], new Log(clientOutput, "client"), TimeSpan.FromSeconds(30))
                    .WaitAsync(TimeSpan.FromSeconds(60));
                // Wait until the server has finished with this client, so the log's order is fixed.
                await WaitForLines(serverLog, "left", "closing", count: i + 1);
            }
        }
        Snapshot.Match($"--- terminal 1: server ---\n{serverLog}\n--- terminal 2: clients ---\n{clientOutput}");
    }

    private static async Task WaitForLines(Transcript log, string first, string second, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (log.Raw.Split('\n').Count(l => l.Contains(first) || l.Contains(second)) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the server log did not reach {count} finished clients:\n{log.Raw}");
            await Task.Delay(20);
        }
    }
}
