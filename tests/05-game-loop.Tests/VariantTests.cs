using System.Text;
using Course.Cli;
using Microsoft.Extensions.Time.Testing;
using Snake.Rooms;
using Snake.Variants;

namespace GameLoop.Tests;

/// <summary>The three loop lifecycles of the docs' comparison, each checked on fake time.</summary>
public sealed class VariantTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Always_running_ticks_with_nobody_there()
    {
        var time = new FakeTimeProvider();
        var hub = new AlwaysRunningHub(Period, time, Log.Null);
        Assert.True(hub.Loop.IsRunning);
        var player = new Outbox();
        hub.Join(player);
        time.Advance(Period);
        Assert.StartsWith("tick ", await TakeAsync(player));
        await hub.LeaveAsync(player);
        Assert.True(hub.Loop.IsRunning); // still ticking for nobody
        await hub.Loop.StopAsync();
    }

    [Fact]
    public async Task On_demand_runs_only_while_someone_is_there()
    {
        var time = new FakeTimeProvider();
        var hub = new OnDemandHub(Period, time, Log.Null);
        Assert.False(hub.Loop.IsRunning);
        Outbox[] players = [new(), new()];
        foreach (Outbox p in players) hub.Join(p);
        Assert.Equal(1, hub.Loop.Starts);
        time.Advance(Period);
        Assert.Equal("tick 1", await TakeAsync(players[1]));
        foreach (Outbox p in players) await hub.LeaveAsync(p);
        Assert.False(hub.Loop.IsRunning);
        hub.Join(players[0]);
        Assert.Equal(2, hub.Loop.Starts);
        await hub.LeaveAsync(players[0]);
    }

    [Fact]
    public async Task Per_room_gives_each_room_its_own_loop()
    {
        var time = new FakeTimeProvider();
        var hub = new PerRoomHub(Period, time, Log.Null);
        Outbox red = new(), blue = new();
        OnDemandHub redHub = hub.Join("red", red);
        time.Advance(Period);
        Assert.Equal("tick 1", await TakeAsync(red));
        OnDemandHub blueHub = hub.Join("blue", blue);
        Assert.NotSame(redHub, blueHub);
        time.Advance(Period);
        Assert.Equal("tick 1", await TakeAsync(blue)); // blue's own count
        Assert.Equal("tick 2", await TakeAsync(red));
        await hub.LeaveAsync("red", red);
        await hub.LeaveAsync("blue", blue);
        Assert.Equal(0, hub.RoomCount);
    }

    private static async Task<string> TakeAsync(Outbox outbox)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (message, _) = await outbox.TakeAsync(limit.Token);
        return Encoding.UTF8.GetString(message!);
    }
}
