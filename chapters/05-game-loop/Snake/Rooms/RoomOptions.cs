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
    /// <summary>
    /// The clock of every room's loop. <see cref="PreciseTimeProvider"/> by default: the system's timers wake
    /// on the operating system's coarse tick (4 ms on many Linux machines), which would spend a whole
    /// lateness budget before the tick starts. Tests pass a FakeTimeProvider.
    /// </summary>
    public TimeProvider Time { get; init; } = PreciseTimeProvider.Instance;
    /// <summary>Makes each new room's <see cref="ITickHook"/>; null (the default) for none.</summary>
    public Func<ITickHook>? TickHooks { get; init; }
    /// <summary>
    /// Players one room takes. A step costs more with every snake (each spawn looks at every body), and
    /// everyone in the room waits for it: without a cap one person opening hundreds of sockets to one room
    /// would slow that room's tick for all its players and eat a core the other rooms need.
    /// </summary>
    public int MaxPlayersPerRoom { get; init; } = 32;
    /// <summary>Rooms a server keeps at once; each has its own timer and game.</summary>
    public int MaxRooms { get; init; } = 100;
    /// <summary>Where loop failures are logged; by default the room's log. Kept apart so --quiet cannot hide them.</summary>
    public Course.Cli.Log? FailureLog { get; init; }
    /// <summary>For tests of the failure path only: throw inside this tick number of every room's loop.</summary>
    internal long FailOnTick { get; init; }

    public TimeSpan Period => TimeSpan.FromSeconds(1 / TickRate);
}
