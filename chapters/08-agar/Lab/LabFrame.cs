using Agar.Game;

namespace Agar.Lab;

/// <summary>A cell as the page draws it: world units, rounded to tenths (what a view carries on the wire).</summary>
public sealed record LabCell(int Id, string Name, string Color, double X, double Y, double R);

public sealed record LabPellet(double X, double Y, string Color);

/// <summary>The server's world: the truth every client's view is compared against.</summary>
public sealed record ServerPanel(long Tick, double TickRate, int TicksPerView, double ViewsPerSecond, IReadOnlyList<ViewChoice> ViewChoices,
    double Width, double Height, IReadOnlyList<LabCell> Players, IReadOnlyList<LabPellet> Pellets);

/// <summary>A send rate the page may pick: a view every <see cref="TicksPerView"/> ticks is <see cref="PerSecond"/> views a second.</summary>
public sealed record ViewChoice(int TicksPerView, double PerSecond);

/// <summary>
/// One client's picture, as its <see cref="Net.NetworkGame"/> would draw it now: its own cell where it is
/// drawn (predicted or not), the others interpolated or not, the pellets it holds, its area of interest
/// (<see cref="Sight"/>: x, y, width, height), and where the server last said it is (<see cref="Said"/>:
/// x, y, radius; only with prediction on, where it differs from the drawn cell).
/// </summary>
public sealed record ClientPanel(int Number, int You, double? Ping, int Pending, int ViewsPerSecond, double[] Sight, double[]? Said,
    IReadOnlyList<LabCell> Players, IReadOnlyList<LabPellet> Pellets, IReadOnlyDictionary<string, double> Settings, IReadOnlyList<Mark> Timeline);

/// <summary>What the page draws, whole, about 30 times a second; <see cref="Time"/> and the marks' times are the lab's milliseconds.</summary>
public sealed record LabFrame(string Type, long Number, double Time, string? Preset, string? Notice, ServerPanel Server, IReadOnlyList<ClientPanel> Clients)
{
    public static LabFrame Build(long number, double now, NetcodeLab lab, string? preset, string? notice)
    {
        ServerRates rates = lab.Rates;
        ServerPanel server = lab.Server.Read(room => new ServerPanel(room.World.Tick, rates.TickRate, rates.TicksPerView, rates.ViewsPerSecond,
            [.. rates.TicksPerViewChoices.Select(d => new ViewChoice(d, rates.TickRate / d))], room.World.Settings.Width, room.World.Settings.Height,
            [.. room.World.Players.Select(p => Cell(p.Id, p.Name, p.Color, p.Position, p.Mass))],
            [.. room.World.Pellets.OrderBy(p => p.Id).Select(Pellet)]));
        return new LabFrame("frame", number, Round(now), preset, notice, server, [.. lab.Clients.Select(c => Panel(c, now))]);
    }

    private static ClientPanel Panel(LabClient client, double now)
    {
        WorldView view = client.Game.View();
        IReadOnlyList<Mark> marks = client.Timeline.Marks(now);
        Vec2 min = view.Centre - view.HalfExtents;
        double[]? said = client.Game.Prediction && view.You is { } you
            ? [Round(client.Game.ServerPosition.X), Round(client.Game.ServerPosition.Y), Round(you.Radius)]
            : null;
        return new ClientPanel(client.Number, view.YouId, client.Game.PingMs is { } ping ? Math.Round(ping) : null, client.Game.PendingInputs,
            marks.Count(m => m.Kind == "view" && m.At > now - 1000),
            [Round(min.X), Round(min.Y), Round(2 * view.HalfExtents.X), Round(2 * view.HalfExtents.Y)], said,
            [.. view.Players.Select(p => Cell(p.Id, p.Name, p.Color, p.Position, p.Mass))], [.. view.Pellets.Select(Pellet)],
            client.Settings.Fields, marks);
    }

    private static LabCell Cell(int id, string name, Rgb color, Vec2 at, double mass) =>
        new(id, name, color.ToString(), Round(at.X), Round(at.Y), Round(WorldSettings.RadiusOf(mass)));

    private static LabPellet Pellet(Pellet pellet) => new(Round(pellet.Position.X), Round(pellet.Position.Y), pellet.Color.ToString());

    private static double Round(double value) => Math.Round(value, 1);
}

/// <summary>What the page needs once, to lay itself out: how many clients, the tour, the sliders' ends, the tick rates, the timelines' span.</summary>
public sealed record LabSetup(string Type, int Clients, IReadOnlyList<LabSetup.Stop> Tour, IReadOnlyDictionary<string, double> Limits,
    IReadOnlyList<double> TickRates, double TimelineMs)
{
    public sealed record Stop(string Slug, string Name, string Watch);

    public static LabSetup For(int clients) => new("setup", clients, [.. Preset.Tour.Select(p => new Stop(p.Slug, p.Name, p.Watch))],
        ClientSettings.Limits, ServerRates.TickRates, Timeline.Window.TotalMilliseconds);
}
