namespace Netcode.Transport;

/// <summary>
/// A simulated network's conditions that may change while it runs: the netcode lab's sliders turn it. The
/// simulator reads it once for every datagram, so a new setting applies from the next datagram on; those
/// already on their way keep the fate they were given, as on a real link whose queue just got longer.
/// </summary>
public sealed class NetworkDial(NetworkConditions conditions)
{
    private NetworkConditions _conditions = conditions;

    public NetworkConditions Conditions
    {
        get => Volatile.Read(ref _conditions);
        set => Volatile.Write(ref _conditions, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
