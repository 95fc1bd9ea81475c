using System.CommandLine;
using Course.Cli;
using Netcode.Transport;

namespace Chase;

/// <summary>The simulator's options, the same on every verb: what a bad network does to what we send.</summary>
public sealed class NetworkOptions
{
    public Option<double> Lag { get; } = Ranged.Between("--lag", "Extra one-way delay of what we send, in ms", 0.0, 0, 10_000);
    public Option<double> Jitter { get; } = Ranged.Between("--jitter", "Random extra delay, 0 to this many ms (reorders packages)", 0.0, 0, 10_000);
    public Option<double> Loss { get; } = Ranged.Between("--loss", "Percentage of our packages dropped", 0.0, 0, 100);
    public Option<double> Duplicate { get; } = Ranged.Between("--duplicate", "Percentage of our packages sent twice", 0.0, 0, 100);
    public Option<int> Seed { get; } = Ranged.Between("--seed", "Seed of the simulator's random numbers", 7, 0, int.MaxValue);

    public IEnumerable<Option> All => [Lag, Jitter, Loss, Duplicate, Seed];

    public NetworkConditions From(ParseResult args) => new(
        TimeSpan.FromMilliseconds(args.GetValue(Lag)),
        TimeSpan.FromMilliseconds(args.GetValue(Jitter)),
        args.GetValue(Loss) / 100,
        args.GetValue(Duplicate) / 100);
}
