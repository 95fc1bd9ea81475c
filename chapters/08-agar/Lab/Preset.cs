namespace Agar.Lab;

/// <summary>
/// One stop of the lab's guided tour: a name, the settings it gives every client and the server, and a
/// sentence on what to watch. A preset leaves alone who steers (you or a bot).
/// </summary>
public sealed record Preset(string Slug, string Name, string Watch, ClientSettings Client, ServerRates Rates)
{
    /// <summary>The tour, in the order the page shows it: each stop changes one thing from a neighbour.</summary>
    public static IReadOnlyList<Preset> Tour { get; } =
    [
        new("good", "a good network",
            "Nothing in the way: the views agree. In each timeline one input leaves and one view comes back every tick, " +
            "and the line from a view to the input it confirms is short.",
            new ClientSettings(), ServerRates.Normal),
        new("no-prediction", "no prediction, 250 ms",
            "Steer client 1 with the arrow keys: its cell starts and stops half a second after your keys, because it only " +
            "moves when the server's view comes back. The slanted lines in its timeline are that round trip.",
            new ClientSettings { LagMs = 250, Prediction = false }, ServerRates.Normal),
        new("no-reconciliation", "prediction without reconciliation",
            "Prediction alone: your cell twitches forward at once, but every view, 30 a second, puts it back where the server " +
            "had it half a second ago. So it still trails your keys by a round trip, and shakes whenever you turn: each red bar " +
            "in the timeline is one of those jumps back.",
            new ClientSettings { LagMs = 250, Reconciliation = false }, ServerRates.Normal),
        new("reconciliation", "prediction and reconciliation, 250 ms",
            "The cure: on each view the client replays the inputs the server has not applied yet. Your cell answers at once and " +
            "the red bars all but vanish; the dashed ring, the server's last word, trails half a second behind.",
            new ClientSettings { LagMs = 250 }, ServerRates.Normal),
        new("loss", "10 % loss",
            "One datagram in ten is lost each way. Gaps open in the views row, and interpolation bridges them. A lost input " +
            "makes the server repeat your previous direction for a tick: while you turn, the red bars are the small corrections " +
            "that follow.",
            new ClientSettings { LagMs = 50, LossPercent = 10 }, ServerRates.Normal),
        new("jitter", "jitter, 50 to 150 ms",
            "Each datagram waits between 50 and 150 ms, so they overtake each other. Grey marks are views that came after a newer " +
            "one and were thrown away; inputs that arrive in a bunch make corrections too.",
            new ClientSettings { LagMs = 50, JitterMs = 100 }, ServerRates.Normal),
        new("slow-server", "slow server: 5 updates/s",
            "The world still ticks 30 times a second, but a view leaves only every sixth tick. Your own cell stays smooth (it is " +
            "predicted); the others move in steps, since they are drawn only 100 ms in the past and views are 200 ms apart. " +
            "Turn interpolation off and they jump five times a second.",
            new ClientSettings { LagMs = 50 }, new ServerRates(30, 6)),
    ];

    public static IReadOnlyList<string> Slugs => [.. Tour.Select(p => p.Slug)];

    /// <summary>What this stop changes from a good network, in words: "lag 250 ms, prediction off".</summary>
    public string Changes
    {
        get
        {
            var changes = new List<string>();
            if (Client.LagMs > 0) changes.Add($"lag {Client.LagMs:0} ms");
            if (Client.JitterMs > 0) changes.Add($"jitter {Client.JitterMs:0} ms");
            if (Client.LossPercent > 0) changes.Add($"loss {Client.LossPercent:0} %");
            if (Client.DuplicatePercent > 0) changes.Add($"duplicates {Client.DuplicatePercent:0} %");
            if (!Client.Prediction) changes.Add("prediction off");
            if (!Client.Reconciliation) changes.Add("reconciliation off");
            if (!Client.Interpolation) changes.Add("interpolation off");
            if (Rates != ServerRates.Normal) changes.Add($"{Rates.TickRate:0} ticks/s, a view every {Rates.TicksPerView} ({Rates.ViewsPerSecond:0}/s)");
            return changes.Count == 0 ? "nothing" : string.Join(", ", changes);
        }
    }

    public static Preset Find(string slug) => Tour.FirstOrDefault(p => p.Slug == slug)
        ?? throw new FormatException($"there is no preset '{ClientSettings.Shorten(slug)}' ({string.Join(", ", Slugs)})");
}
