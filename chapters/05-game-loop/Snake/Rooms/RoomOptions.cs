using Snake.Game;
using Snake.Loop;

namespace Snake.Rooms;

/// <summary>How every room of a server is set up.</summary>
public sealed record RoomOptions
{
    public GameRules Rules { get; init; } = new();
    public double TickRate { get; init; } = 10;
    public TickPacing Pacing { get; init; } = TickPacing.Timer;
    /// <summary>Seed of the first room's game; each new room adds one, so rooms differ but replay.</summary>
    public int Seed { get; init; } = 5;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Makes each new room's <see cref="ITickHook"/>; null (the default) for none.</summary>
    public Func<ITickHook>? TickHooks { get; init; }
    /// <summary>For tests of the failure path only: throw inside this tick number of every room's loop.</summary>
    internal long FailOnTick { get; init; }

    public TimeSpan Period => TimeSpan.FromSeconds(1 / TickRate);
}
