using System.Net;
using System.Net.Sockets;
using Agar.Game;
using Agar.Net;
using Netcode.Peers;
using Netcode.Wire;

namespace Agar.Tests.Net;

/// <summary>
/// A client that does not play by the rules, built from the chapter 07 library's plain Client so it can
/// send whatever it likes. The seed trusted a client's position; ours cannot be fooled.
/// </summary>
public sealed class CheatingTests
{
    private static async Task<(Client Cheat, int Id)> JoinRawAsync(TestServer server, string name)
    {
        var cheat = new Client();
        await cheat.ConnectAsync(server.EndPoint, TimeSpan.FromSeconds(10));
        cheat.DispatchEvent(new NetEvent(Messages.Join, name), retries: 5);
        int id = 0;
        await TestServer.Eventually(() => (id = server.Server.Read(room => room.Sessions.FirstOrDefault(s => s.Name == name)?.PlayerId ?? 0)) != 0, $"{name} joined");
        return (cheat, id);
    }

    [Fact]
    public async Task A_huge_direction_sent_a_hundred_times_a_tick_moves_no_faster_than_an_honest_one()
    {
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 2 });
        var (cheat, id) = await JoinRawAsync(server, "Speedy");
        await using var _ = cheat;
        double startX = server.Server.Read(room => room.World.Find(id)!.Position.X);
        double sign = startX < 1000 ? 1 : -1;

        // Claim a direction a thousand times too long, and send inputs far faster than 30 a second.
        uint sequence = 0;
        using var flooding = new CancellationTokenSource();
        Task flood = Task.Run(async () =>
        {
            while (!flooding.IsCancellationRequested)
            {
                for (int i = 0; i < 10; i++) cheat.DispatchEvent(Messages.Input, (long)++sequence, 1000.0 * sign, 0.0);
                await Task.Delay(10);
            }
        });
        await Task.Delay(500);
        var (tick0, x0) = server.Server.Read(room => (room.World.Tick, room.World.Find(id)!.Position.X));
        await Task.Delay(1000);
        var (tick1, x1) = server.Server.Read(room => (room.World.Tick, room.World.Find(id)!.Position.X));
        flooding.Cancel();
        await flood;

        double allowed = new WorldSettings().SpeedOf(10) * (tick1 - tick0) / new WorldSettings().TickRate;
        double moved = Math.Abs(x1 - x0);
        Assert.True(moved > 0, "the cheat's inputs should still steer it");
        Assert.True(moved <= allowed + 1e-6, $"moved {moved:F1} in {tick1 - tick0} ticks; an honest player moves at most {allowed:F1}");
        Assert.True(server.Server.Counters.FloodedInputs > 0, "the flood should be noticed");
        Assert.Contains("sends inputs faster than the tick", server.Log);
    }

    [Fact]
    public async Task Malformed_oversized_and_unknown_messages_are_dropped_and_logged_and_the_server_plays_on()
    {
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld());
        var (cheat, _) = await JoinRawAsync(server, "Mallory");
        await using (cheat)
        {
            cheat.DispatchEvent(new NetEvent(Messages.Input, "fast", "please"));             // wrong arguments
            cheat.DispatchEvent(new NetEvent(Messages.Input, 5L, double.NaN, 0.0));      // not a number
            cheat.DispatchEvent(new NetEvent("teleport", 100.0, 100.0));                    // the seed's dream
            await TestServer.Eventually(() => server.Server.Counters.MalformedEvents >= 2 && server.Server.Loop.HandlerFailures >= 1,
                "two malformed inputs counted, and the event nobody handles");
        }

        using (var raw = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            // Both start with the protocol's id, so the library treats them as packages and looks closer.
            byte[] huge = new byte[3000];
            PackageHeader.ProtocolId.CopyTo(huge);
            await raw.SendAsync(huge, server.EndPoint);                                          // bigger than any package
            byte[] cut = [.. PackageHeader.ProtocolId, 0x00, 0x01];
            await raw.SendAsync(cut, server.EndPoint);                                           // a header cut short
            await TestServer.Eventually(() => server.Server.NetStats.Oversize >= 1 && server.Server.NetStats.Malformed >= 1, "the bad datagrams counted");
        }

        Assert.Contains("dropped a malformed input event", server.Log);
        Assert.Contains("no handler for event teleport", server.Log);
        Assert.Contains("dropped a 3000-byte package", server.Log);

        // And an honest player still joins and plays.
        await using NetworkGame honest = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Honest" });
        await TestServer.Eventually(() => honest.ViewsApplied > 5, "the honest player gets views", meanwhile: honest.Step);
    }
}
