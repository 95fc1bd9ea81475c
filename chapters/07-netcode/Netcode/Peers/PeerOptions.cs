using Netcode.Transport;

namespace Netcode.Peers;

/// <summary>Settings shared by <see cref="Server"/> and <see cref="Client"/>. Defaults are PyGaSe's.</summary>
public sealed record PeerOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Where log lines go (one line each); null: nowhere.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Spoil our outgoing datagrams, for tests and experiments.</summary>
    public NetworkConditions Network { get; init; } = NetworkConditions.Perfect;
    /// <summary>Spoil our datagrams by conditions that may change while we run (the lab's sliders); when set, <see cref="Network"/> is ignored.</summary>
    public NetworkDial? NetworkDial { get; init; }
    public int Seed { get; init; } = 7;
    /// <summary>
    /// Attach an id to events sent with retries so our receivers apply each once. A PyGaSe receiver would pass
    /// the id to its handler as an unexpected keyword: turn this off when talking to PyGaSe.
    /// </summary>
    public bool TagRetriedEvents { get; init; } = true;
    public TimeSpan GoodInterval { get; init; } = TimeSpan.FromSeconds(1.0 / 40);
    public TimeSpan BadInterval { get; init; } = TimeSpan.FromSeconds(1.0 / 20);
    public TimeSpan PackageTimeout { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// The most bytes of shared state a server package carries; a bigger delta goes in chunks. What is left
    /// of the 2048 bytes carries events and views: a game that sends each client its own view (chapter 08)
    /// lowers this to make room. Servers only.
    /// </summary>
    public int UpdateBudget { get; init; } = Server.UpdateBudget;
    /// <summary>What a server lets each client take (a client only uses the queue bound).</summary>
    public ServerLimits Limits { get; init; } = ServerLimits.Default;
}
