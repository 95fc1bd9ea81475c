using Agar.Game;
using Agar.Net;
using Agar.Tests.Net;
using Agar.Tests.View;
using Agar.View;

namespace Agar.Tests.Exercises;

/// <summary>Ready-made tests for the chapter's exercises: delete the Skip of the one you are working on.</summary>
public sealed class ExerciseTests
{
    [Fact(Skip = "Exercise 1: a minimap. Delete this Skip when FramePainter draws one in the bottom-right corner.")]
    public void Exercise1_the_frame_has_a_minimap_in_the_bottom_right_corner()
    {
        var list = new DrawList();
        FramePainter.Draw(list, new Frame(FixedScene.Build(), 60, null), 640, 360);
        // A panel (rect) that starts in the bottom-right quarter, and a dot (circle) for you inside it.
        string[] lines = list.ToString().Split('\n');
        Assert.Contains(lines, line => line.StartsWith("rect ", StringComparison.Ordinal) && StartsIn(line, minX: 480, minY: 240));
        Assert.Contains(lines, line => line.StartsWith("circle ", StringComparison.Ordinal) && StartsIn(line, minX: 480, minY: 240));
    }

    [Fact(Skip = "Exercise 2: spawn protection. Delete this Skip when a respawned player cannot be eaten for 2 seconds.")]
    public void Exercise2_a_player_who_just_respawned_cannot_be_eaten_at_once()
    {
        var world = new World(new WorldSettings { Width = 400, Height = 300, PelletTarget = 0, Seed = 1 });
        Player giant = world.AddPlayer("giant"), victim = world.AddPlayer("victim");
        giant.Mass = 500;
        giant.Position = victim.Position = new Vec2(200, 150);
        world.Step(1 / 30.0);
        Assert.Equal(1, victim.Respawns);

        // Put the giant straight onto the respawned player: for the next 2 seconds it must survive.
        for (int tick = 0; tick < 50; tick++)
        {
            giant.Position = victim.Position;
            world.Step(1 / 30.0);
        }
        Assert.Equal(1, victim.Respawns);
    }

    [Fact(Skip = "Exercise 3: kick a flooder. Delete this Skip when a client that floods inputs for 2 seconds is removed.")]
    public async Task Exercise3_a_client_flooding_inputs_for_two_seconds_is_kicked()
    {
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld());
        await using var flooder = new Netcode.Peers.Client();
        await flooder.ConnectAsync(server.EndPoint, TimeSpan.FromSeconds(10));
        flooder.DispatchEvent(new Netcode.Wire.NetEvent(Messages.Join, "Flood"), retries: 5);
        await TestServer.Eventually(() => server.Server.Read(room => room.Sessions.Count) == 1, "the flooder joined");

        // Ten inputs every 10 ms, for up to 6 seconds: far more than one per tick.
        uint sequence = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(6) && server.Server.Read(room => room.Sessions.Count) == 1)
        {
            for (int i = 0; i < 10; i++) flooder.DispatchEvent(Messages.Input, (long)++sequence, 1.0, 0.0, 0L);
            await Task.Delay(10);
        }
        Assert.Equal(0, server.Server.Read(room => room.Sessions.Count));
        Assert.Contains("kicked for flooding", server.Log);
    }

    private static bool StartsIn(string line, double minX, double minY)
    {
        string[] xy = line.Split(' ')[1].Split(',');
        return double.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture) >= minX
            && double.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture) >= minY;
    }
}
