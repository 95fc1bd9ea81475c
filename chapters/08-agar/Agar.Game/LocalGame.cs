namespace Agar.Game;

/// <summary>
/// A world with bots and (optionally) one local human, run in one process with no network: the offline
/// client and the headless demo. Each <see cref="Step"/> asks every bot for an input, applies the
/// human's latest input, and advances the world one fixed tick. A networked client replaces this class
/// by "receive a <see cref="WorldView"/> from the server"; the view drawing it does not change.
/// </summary>
public sealed class LocalGame : IPlayable
{
    private readonly List<BotBrain> _bots = [];
    private uint _humanSequence;

    public LocalGame(WorldSettings settings, int bots, string? humanName)
    {
        World = new World(settings);
        var seeds = new SeededRandom(settings.Seed ^ 0xB07B07UL);
        for (int i = 0; i < bots; i++)
        {
            Player bot = World.AddPlayer(BotNames.For(i));
            _bots.Add(new BotBrain(bot.Id, seeds.NextUInt64(), settings.EatRatio));
        }
        if (humanName is not null) HumanId = World.AddPlayer(humanName, new Rgb(0x1E88E5)).Id;
    }

    public World World { get; }
    /// <summary>The local human's player id, or 0 when only bots play.</summary>
    public int HumanId { get; }

    /// <summary>Steers the human: a direction of length at most 1 (longer is shortened by the world).</summary>
    public void Steer(Vec2 direction)
    {
        if (HumanId != 0) World.SetInput(HumanId, new PlayerInput(++_humanSequence, direction.X, direction.Y));
    }

    public void Step()
    {
        // One leaderboard per tick, shared by every bot's view: it is the same for all of them.
        IReadOnlyList<LeaderboardEntry> leaderboard = Leaderboard.Top(World.Players);
        foreach (BotBrain bot in _bots)
            World.SetInput(bot.PlayerId, bot.Decide(AreaOfInterest.ViewFor(World, bot.PlayerId, leaderboard)));
        World.Step(World.Settings.TickSeconds);
    }

    /// <summary>What the human (or, with no human, the leader) sees now.</summary>
    public WorldView View() => AreaOfInterest.ViewFor(World, HumanId);

    public double TickSeconds => World.Settings.TickSeconds;

    /// <summary>Offline there is no network: no ping, nothing to predict or interpolate.</summary>
    public double? PingMs => null;
    public string? Status => null;
    public void Toggle(char key) { }
}
