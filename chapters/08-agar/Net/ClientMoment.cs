using Agar.Game;

namespace Agar.Net;

/// <summary>What a <see cref="ClientMoment"/> is about.</summary>
public enum MomentKind
{
    /// <summary>An input left for the server (<see cref="ClientMoment.Input"/> is its sequence number, <see cref="ClientMoment.Direction"/> its steer).</summary>
    InputSent,
    /// <summary>A view arrived and was applied (<see cref="ClientMoment.Tick"/>; <see cref="ClientMoment.Input"/> is the last input it says it applied).</summary>
    ViewApplied,
    /// <summary>A view arrived too late to matter: we already hold a newer one (jitter reordered it, or it is a duplicate).</summary>
    ViewStale,
    /// <summary>A view moved the predicted own cell (<see cref="ClientMoment.Distance"/>, in world units): the prediction was wrong.</summary>
    Corrected,
}

/// <summary>
/// One thing a networked client did, reported as it happens (the netcode lab's timeline draws them).
/// <see cref="Timestamp"/> is from the game's <see cref="TimeProvider"/>.
/// </summary>
public readonly record struct ClientMoment(MomentKind Kind, long Timestamp, uint Input = 0, long Tick = 0, double Distance = 0, Vec2 Direction = default);
