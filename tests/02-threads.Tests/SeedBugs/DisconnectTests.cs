using System.Net;
using System.Net.Sockets;
using Course.Cli;

namespace Dots.Tests.SeedBugs;

/// <summary>
/// Seed bug 3: a client that leaves. After the peer closes, every receive returns 0 bytes at once,
/// forever: a loop that does not stop on 0 spins at full CPU (the seed's handler did, at 96%), and a
/// player never removed makes the next relay send fail.
/// </summary>
public sealed class DisconnectTests
{
    [Fact]
    public void After_the_peer_closes_receive_returns_zero_again_and_again()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            client.Connect(listener.LocalEndPoint!);
            using Socket server = listener.Accept();
            client.Close();
            byte[] buffer = new byte[16];
            // No waiting, no error: just 0, each time. Only the loop itself can decide to stop.
            for (int i = 0; i < 1000; i++) Assert.Equal(0, server.Receive(buffer));
        }
    }

    [Fact]
    public async Task Our_server_ends_the_thread_and_tells_the_others()
    {
        var (running, server) = await Servers.Start(Log.Null);
        await using (running)
        {
            using var stays = new TestPlayer(running.EndPoint);
            stays.Expect("newPlayer 1 10 7");
            using (var leaves = new TestPlayer(running.EndPoint)) leaves.Expect("newPlayer 2 17 12");
            stays.Expect("playerLeft 2");
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 1), "the departed player's thread is still running");
            stays.Send("move 1 0\n"); // and the relay is alive: the seed's had died on its send to the departed player
            stays.Expect("playerMoved 1 11 7");
        }
    }
}
