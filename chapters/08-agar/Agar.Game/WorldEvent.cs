namespace Agar.Game;

public enum WorldEventKind { AtePellet, AtePlayer, Respawned, Joined, Left }

/// <summary>Something that happened during a tick: the tick log tests snapshot and a server would broadcast.</summary>
public readonly record struct WorldEvent(long Tick, WorldEventKind Kind, int PlayerId, int OtherId, double Mass)
{
    public override string ToString() => Kind switch
    {
        WorldEventKind.AtePellet => $"tick {Tick}: player {PlayerId} ate pellet {OtherId} (mass {Mass:F2})",
        WorldEventKind.AtePlayer => $"tick {Tick}: player {PlayerId} ate player {OtherId} (mass {Mass:F2})",
        WorldEventKind.Respawned => $"tick {Tick}: player {PlayerId} respawned (mass {Mass:F2})",
        WorldEventKind.Joined => $"tick {Tick}: player {PlayerId} joined",
        _ => $"tick {Tick}: player {PlayerId} left",
    };
}
