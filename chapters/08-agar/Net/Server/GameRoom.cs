using System.Net;
using Agar.Game;

namespace Agar.Net;

/// <summary>One connected player as the server knows it: who (its address) and what it has sent and been sent.</summary>
public sealed class Session(int playerId, string name, IPEndPoint address, long joinedTick, bool seesEverything = false)
{
    public int PlayerId { get; } = playerId;
    public string Name { get; } = name;
    /// <summary>The player's identity: the address its packages come from.</summary>
    public IPEndPoint Address { get; } = address;
    public InputQueue Inputs { get; } = new();
    public ViewFeed Feed { get; } = new(playerId) { SeesEverything = seesEverything };
    /// <summary>The tick of the last input heard from this player: no input for too long is a timeout.</summary>
    public long LastHeardTick { get; set; } = joinedTick;
}

/// <summary>
/// The server's game without the sockets: the world, the players' sessions and the server's own bots.
/// One <see cref="Tick"/> = bots decide, each player's next queued input is applied, the world steps.
/// The server runs it on the chapter 07 game loop; a test can run it directly.
/// </summary>
public sealed class GameRoom
{
    private readonly Dictionary<IPEndPoint, Session> _sessions = [];
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

    public Session? Find(IPEndPoint address) => _sessions.GetValueOrDefault(address);

    public Session Join(string name, IPEndPoint address, bool seesEverything = false)
    {
        Player player = World.AddPlayer(name);
        var session = new Session(player.Id, name, address, World.Tick, seesEverything);
        _sessions.Add(address, session);
        return session;
    }

    public void Leave(Session session)
    {
        _sessions.Remove(session.Address);
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
        World.Step(World.Settings.TickSeconds);
    }

    /// <summary>This tick's view for one session, as a delta against what it has acknowledged, within <paramref name="budget"/> bytes.</summary>
    public ViewMessage ViewFor(Session session, int budget = int.MaxValue) =>
        session.Feed.Next(World, World.Find(session.PlayerId)?.LastInputSequence ?? 0, budget);
}
