using System.CommandLine;
using Netcode.Transport;

namespace Chase;

/// <summary>The simulator's options, the same on every verb: what a bad network does to what we send.</summary>
public sealed class NetworkOptions
{
    public Option<double> Lag { get; } = new("--lag") { Description = "Extra one-way delay of what we send, in ms", DefaultValueFactory = _ => 0 };
    public Option<double> Jitter { get; } = new("--jitter") { Description = "Random extra delay, 0 to this many ms (reorders packages)", DefaultValueFactory = _ => 0 };
    public Option<double> Loss { get; } = new("--loss") { Description = "Percentage of our packages dropped", DefaultValueFactory = _ => 0 };
    public Option<double> Duplicate { get; } = new("--duplicate") { Description = "Percentage of our packages sent twice", DefaultValueFactory = _ => 0 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the simulator's random numbers", DefaultValueFactory = _ => 7 };

    public NetworkOptions()
    {
        foreach (var ms in new[] { Lag, Jitter })
            ms.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 10_000) r.AddError($"{ms.Name} must be between 0 and 10000 ms."); });
        foreach (var pct in new[] { Loss, Duplicate })
            pct.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 100) r.AddError($"{pct.Name} must be a percentage between 0 and 100."); });
    }

    public IEnumerable<Option> All => [Lag, Jitter, Loss, Duplicate, Seed];

    public NetworkConditions From(ParseResult args) => new(
        TimeSpan.FromMilliseconds(args.GetValue(Lag)),
        TimeSpan.FromMilliseconds(args.GetValue(Jitter)),
        args.GetValue(Loss) / 100,
        args.GetValue(Duplicate) / 100);
}
