using Agar.Game;

namespace Agar.Net;

/// <summary>One connected player as the server knows it.</summary>
public sealed class Session(int playerId, string name, long joinedTick, bool seesEverything = false)
{
    public int PlayerId { get; } = playerId;
    public string Name { get; } = name;
    public InputQueue Inputs { get; } = new();
    public ViewFeed Feed { get; } = new(playerId) { SeesEverything = seesEverything };
    /// <summary>The tick of the last thing heard from this player: silence for too long is a timeout.</summary>
    public long LastHeardTick { get; set; } = joinedTick;
}

/// <summary>
/// The server's game without the sockets: the world, the players' sessions and the server's own bots.
/// One <see cref="Tick"/> = bots decide, each player's next queued input is applied, the world steps.
/// The server calls this under its lock 30 times a second; the bench calls it directly, so the tick it
/// measures is the tick the server runs.
/// </summary>
public sealed class GameRoom
{
    private readonly Dictionary<int, Session> _sessions = [];
    private readonly List<BotBrain> _bots = [];

    public GameRoom(WorldSettings settings, int bots = 0)
    {
        World = new World(settings);
        var seeds = new SeededRandom(settings.Seed ^ 0x5E12_BE12UL);
        for (int i = 0; i < bots; i++)
        {
            Player bot = World.AddPlayer(BotNames.For(i));
            _bots.Add(new BotBrain(bot.Id, seeds.NextUInt64(), settings.EatRatio));
        }
    }

    public World World { get; }
    public IReadOnlyCollection<Session> Sessions => _sessions.Values;

    public Session Join(string name, bool seesEverything = false)
    {
        Player player = World.AddPlayer(name);
        var session = new Session(player.Id, name, World.Tick, seesEverything);
        _sessions.Add(player.Id, session);
        return session;
    }

    public void Leave(Session session)
    {
        _sessions.Remove(session.PlayerId);
        World.RemovePlayer(session.PlayerId);
    }

    public void Tick()
    {
        DecideBots();
        Advance();
    }

    /// <summary>The server's own bots choose their inputs (the work a bot process would do on its machine).</summary>
    public void DecideBots()
    {
        if (_bots.Count > 0)
        {
            IReadOnlyList<LeaderboardEntry> leaderboard = Leaderboard.Top(World.Players);
            foreach (BotBrain bot in _bots)
                World.SetInput(bot.PlayerId, bot.Decide(AreaOfInterest.ViewFor(World, bot.PlayerId, leaderboard)));
        }
    }

    /// <summary>Each player's next queued input, then one step of the world.</summary>
    public void Advance()
    {
        foreach (Session session in _sessions.Values)
            if (session.Inputs.TryTake(out PlayerInput input)) World.SetInput(session.PlayerId, input);
        World.Step(LocalGame.TickSeconds);
    }

    /// <summary>This tick's view for one session, as a delta against what it acknowledged.</summary>
    public ViewMessage ViewFor(Session session) =>
        session.Feed.Next(World, World.Find(session.PlayerId)?.LastInputSequence ?? 0);
}

/// <summary>Names for computer players, so the leaderboard reads like a computing hall of fame.</summary>
public static class BotNames
{
    private static readonly string[] Names =
    [
        "Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Ken", "Margaret", "Edsger", "Donald",
        "Niklaus", "Frances", "John", "Radia", "Tim", "Vint", "Bjarne", "Anders", "Guido", "Hedy",
    ];

    public static string For(int i) => i < Names.Length ? Names[i] : $"{Names[i % Names.Length]} {i / Names.Length + 1}";
}
