using System.Text;
using Agar.Game;
using Agar.Lab;
using Netcode.Transport;

namespace Agar.Tests.Lab;

/// <summary>The netcode lab without a browser: its frames, its controls, its restarts, and the tour the docs show.</summary>
public sealed class LabTests
{
    [Fact]
    public void The_tour_as_the_chapter_shows_it()
    {
        // A Markdown table, included as it is by the chapter's page: the page's list of stops cannot drift from the lab's.
        var table = new StringBuilder("| stop | what it changes (every client, both ways) | what to watch |\n| --- | --- | --- |\n");
        for (int i = 0; i < Preset.Tour.Count; i++)
            table.Append($"| {i + 1}. {Preset.Tour[i].Name} | {Preset.Tour[i].Changes} | {Preset.Tour[i].Watch} |\n");
        Snapshot.Match(table.ToString());
    }

    [Fact]
    public async Task A_frame_holds_the_server_s_world_and_what_each_client_draws()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 2 });
        var (frame, json) = await running.Lab.NextFrameAsync();

        Assert.Equal(2, frame.Clients.Count);
        Assert.Equal([1, 2], frame.Clients.Select(c => c.Number));
        // The server's panel is the server's world: every player, the lab's clients among them.
        var world = running.Lab.Server.Read(room => room.World.Players.Select(p => p.Id).Order().ToList());
        Assert.Equal(world, frame.Server.Players.Select(p => p.Id).Order());
        Assert.Equal(4, frame.Server.Players.Count);
        foreach (ClientPanel panel in frame.Clients)
        {
            LabClient client = running.Client(panel.Number);
            Assert.Equal(client.Game.YouId, panel.You);
            Assert.Contains(panel.Players, p => p.Id == panel.You);
            Assert.Equal(client.Settings.Fields, panel.Settings);
            Assert.Equal(panel.Number > 1 ? 1 : 0, panel.Settings["bot"]);
        }
        // The JSON the pages get is this frame, and the lab remembers it by number.
        Assert.Equal(json, running.Lab.FrameAt(frame.Number)!.Value.Json);
        Assert.Contains("\"type\":\"frame\"", Encoding.UTF8.GetString(json));

        // After a while the timelines show inputs leaving and views coming back, each view linked to an input.
        // About a second at 30 steps a second; a crowded machine steps slower, so it may take a few.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        LabFrame later;
        IReadOnlyList<Mark> marks;
        do
        {
            await Task.Delay(200);
            (later, _) = await running.Lab.NextFrameAsync();
            marks = later.Clients[0].Timeline;
        }
        while ((marks.Count(m => m.Kind == "input") < 20 || marks.Count(m => m.Kind == "view") < 20) && waited.Elapsed < TimeSpan.FromSeconds(10));
        Assert.True(marks.Count(m => m.Kind == "input") >= 20, $"{marks.Count(m => m.Kind == "input")} inputs in the timeline");
        Assert.True(marks.Count(m => m.Kind == "view") >= 20, $"{marks.Count(m => m.Kind == "view")} views in the timeline");
        Assert.Contains(marks, m => m.Kind == "view" && m.SentAt is { } sent && sent <= m.At);
        Assert.All(marks, m => Assert.InRange(m.At, later.Time - Timeline.Window.TotalMilliseconds, later.Time));
    }

    [Fact]
    public async Task Controls_change_the_clients_and_the_server_live_and_a_wrong_one_is_refused_alone()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 0 });
        NetcodeLab lab = running.Lab;

        lab.Control(new LabControl(ControlKind.Client, 2, "loss", 12));
        lab.Control(new LabControl(ControlKind.Client, 1, "interpolation", 0));
        lab.Control(new LabControl(ControlKind.Server, Field: "ticksPerView", Value: 3));
        await Eventually(() => running.Client(2).Dial.Conditions.Loss == 0.12 && !running.Client(1).Game.Interpolation && lab.Server.TicksPerView == 3,
            "client 2 loses 12 %, client 1 does not interpolate, the server sends every third tick");
        Assert.Equal(0, running.Client(1).Dial.Conditions.Loss);

        lab.Control(new LabControl(ControlKind.Preset, Preset: "loss"));
        await Eventually(() => lab.Preset == "loss", "the preset is applied");
        Assert.All(lab.Clients, c => Assert.Equal(new NetworkConditions(TimeSpan.FromMilliseconds(50), TimeSpan.Zero, 0.10, 0), c.Dial.Conditions));
        Assert.All(lab.Clients, c => Assert.True(c.Game.Interpolation && c.Game.Prediction && c.Game.Reconciliation));
        Assert.Equal(1, lab.Server.TicksPerView);

        // Wrong values are refused one by one, each said once on the log; nothing changes, the lab goes on.
        long before = lab.Rejected;
        lab.Control(new LabControl(ControlKind.Client, 1, "lag", 501));
        lab.Control(new LabControl(ControlKind.Client, 1, "lag", 9999));
        lab.Control(new LabControl(ControlKind.Client, 1, "speed", 2));
        lab.Control(new LabControl(ControlKind.Server, Field: "ticksPerView", Value: 4));
        lab.Control(new LabControl(ControlKind.Preset, Preset: "teleport"));
        await Eventually(() => lab.Rejected == before + 5, "five controls refused");
        Assert.Equal(TimeSpan.FromMilliseconds(50), running.Client(1).Dial.Conditions.Lag);
        Assert.Equal("loss", lab.Preset);
        Assert.Contains("ignored a control from the page: lag must be 0 to 500 ms, not 501", running.Log);
        Assert.DoesNotContain("not 9999", running.Log); // the same kind of mistake is said once
        Assert.Contains("a client has no setting 'speed'", running.Log);
        Assert.Contains("ticksPerView must be one of 1, 2, 3, 5, 6, 10, 15, 30 at 30 ticks/s, not 4", running.Log);
        Assert.Contains("there is no preset 'teleport'", running.Log);
        var (frame, _) = await lab.NextFrameAsync();
        Assert.Equal("loss", frame.Preset);
    }

    [Fact]
    public async Task A_new_tick_rate_restarts_the_server_and_every_client_keeps_its_settings()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 1 });
        NetcodeLab lab = running.Lab;
        lab.Control(new LabControl(ControlKind.Client, 1, "lag", 120));
        lab.Control(new LabControl(ControlKind.Client, 2, "prediction", 0));
        lab.Control(new LabControl(ControlKind.Server, Field: "ticksPerView", Value: 6)); // 5 views a second
        await Eventually(() => lab.Server.TicksPerView == 6 && running.Client(1).Settings.LagMs == 120, "the settings are in");
        var oldServer = lab.Server;

        lab.Control(new LabControl(ControlKind.Server, Field: "tickRate", Value: 20));
        await Eventually(() => lab.Rates.TickRate == 20 && !ReferenceEquals(lab.Server, oldServer), "the server restarted at 20 ticks/s", 30);
        Assert.Equal(20, lab.Server.Read(room => room.World.Settings.TickRate));
        // Still 5 views a second: at 20 ticks a second, that is a view every 4th tick.
        Assert.Equal(new ServerRates(20, 4), lab.Rates);
        Assert.Equal(4, lab.Server.TicksPerView);
        Assert.Equal(TimeSpan.FromMilliseconds(120), running.Client(1).Dial.Conditions.Lag);
        Assert.False(running.Client(2).Game.Prediction);
        Assert.True(running.Client(2).Settings.Bot);
        // The clients play on the new server, at its rate.
        await Eventually(() => lab.Clients.All(c => c.Game.ViewsApplied > 5 && c.Game.TickSeconds == 1 / 20.0), "the clients play on the new server");
        Assert.Contains("the server ticks 20 times a second now", running.Log);
    }

    [Theory]
    [InlineData("{\"type\":\"steer\",\"client\":3,\"x\":1,\"y\":0}", "client must be 1 to 2, not 3")]
    [InlineData("{\"type\":\"steer\",\"client\":1,\"x\":\"left\",\"y\":0}", "a control message needs \"x\", a number")]
    [InlineData("{\"type\":\"client\",\"client\":1.5,\"field\":\"lag\",\"value\":1}", "client must be 1 to 2, not 1.5")]
    [InlineData("{\"type\":\"client\",\"client\":1,\"value\":1}", "a control message needs \"field\", a string")]
    [InlineData("{\"type\":\"fly\"}", "unknown control type 'fly' (steer, client, server or preset)")]
    [InlineData("[1,2,3]", "a control message is a JSON object")]
    [InlineData("{\"type\":", "a control message is a JSON object: ")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "a control message is a JSON object: ")]
    public void A_malformed_control_is_one_clear_line(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LabControl.Parse(Encoding.UTF8.GetBytes(json), clients: 2));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_control_parses_into_what_the_lab_applies()
    {
        LabControl steer = LabControl.Parse("{\"type\":\"steer\",\"client\":2,\"x\":30,\"y\":-40}"u8, 2);
        Assert.Equal(new LabControl(ControlKind.Steer, 2, Steer: new Vec2(30, -40)), steer);
        Assert.Equal(new LabControl(ControlKind.Client, 1, "bot", 1), LabControl.Parse("{\"type\":\"client\",\"client\":1,\"field\":\"bot\",\"value\":true}"u8, 2));
        Assert.Equal(new LabControl(ControlKind.Preset, Preset: "jitter"), LabControl.Parse("{\"type\":\"preset\",\"name\":\"jitter\"}"u8, 2));
        Assert.Throws<FormatException>(() => LabControl.Parse(new byte[LabControl.MaxBytes + 1], 2));
    }

    internal static async Task Eventually(Func<bool> condition, string what, double seconds = 15)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail($"after {seconds} s still not: {what}");
            await Task.Delay(20);
        }
    }
}
