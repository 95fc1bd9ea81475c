namespace Agar.Game;

/// <summary>
/// A computer player that only produces inputs, exactly like a human's keyboard: it reads the same
/// <see cref="WorldView"/> a client would receive and answers with a direction. So bots cannot cheat,
/// and the same brain drives a bot inside the server or a bot process over the network. Each tick:
///   1. flee: add a push away from every visible player big enough to eat me, stronger when closer;
///   2. otherwise chase the nearest visible player small enough for me to eat;
///   3. otherwise head for the nearest pellet;
///   4. otherwise wander in a direction that changes now and then (seeded, so replays stay identical).
/// </summary>
public sealed class BotBrain(int playerId, ulong seed, double eatRatio = 0.9)
{
    private readonly SeededRandom _random = new(seed);
    private Vec2 _wander = Vec2.Zero;
    private uint _sequence;

    public int PlayerId { get; } = playerId;

    public PlayerInput Decide(WorldView view)
    {
        _sequence++;
        if (view.You is not { } me) return new PlayerInput(_sequence, 0, 0);
        Vec2 direction = Flee(view, me);
        if (direction == Vec2.Zero) direction = Chase(view, me);
        if (direction == Vec2.Zero) direction = SeekPellet(view, me);
        if (direction == Vec2.Zero) direction = Wander();
        return new PlayerInput(_sequence, direction.X, direction.Y);
    }

    private Vec2 Flee(WorldView view, PlayerState me)
    {
        Vec2 push = Vec2.Zero;
        foreach (PlayerState other in view.Players)
        {
            if (other.Id == me.Id || me.Mass > eatRatio * other.Mass) continue;
            Vec2 away = me.Position - other.Position;
            double gap = Math.Max(1, away.Length - other.Radius);
            if (gap > 250) continue;
            push += away.Normalized() * (1 / gap);
        }
        return push.Normalized();
    }

    private Vec2 Chase(WorldView view, PlayerState me)
    {
        PlayerState? best = null;
        double bestDistance = double.MaxValue;
        foreach (PlayerState other in view.Players)
        {
            if (other.Id == me.Id || other.Mass > eatRatio * me.Mass) continue;
            double distance = Vec2.DistanceSquared(other.Position, me.Position);
            if (distance < bestDistance) (best, bestDistance) = (other, distance);
        }
        return best is { } prey ? (prey.Position - me.Position).Normalized() : Vec2.Zero;
    }

    private static Vec2 SeekPellet(WorldView view, PlayerState me)
    {
        Vec2? best = null;
        double bestDistance = double.MaxValue;
        foreach (Pellet pellet in view.Pellets)
        {
            double distance = Vec2.DistanceSquared(pellet.Position, me.Position);
            if (distance < bestDistance) (best, bestDistance) = (pellet.Position, distance);
        }
        return best is { } target ? (target - me.Position).Normalized() : Vec2.Zero;
    }

    private Vec2 Wander()
    {
        if (_wander == Vec2.Zero || _random.NextDouble() < 0.02)
            _wander = new Vec2(_random.NextDouble(-1, 1), _random.NextDouble(-1, 1)).Normalized();
        return _wander;
    }
}
