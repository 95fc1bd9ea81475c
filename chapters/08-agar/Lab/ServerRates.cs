namespace Agar.Lab;

/// <summary>
/// The lab server's two rates: how often the world ticks, and how often a client gets a view (every
/// <see cref="TicksPerView"/> ticks). Views only ever leave on a tick, so the send rate divides the tick rate.
/// </summary>
public sealed record ServerRates(double TickRate, int TicksPerView)
{
    public static readonly IReadOnlyList<double> TickRates = [10, 15, 20, 30, 60];

    public static ServerRates Normal { get; } = new(30, 1);

    public double ViewsPerSecond => TickRate / TicksPerView;

    /// <summary>The ticks-per-view a page may pick at this tick rate: those that make a whole number of views a second.</summary>
    public IReadOnlyList<int> TicksPerViewChoices => [.. Enumerable.Range(1, (int)TickRate).Where(d => TickRate % d == 0)];

    /// <summary>A new tick rate, keeping the views per second as close as the new rate allows.</summary>
    public ServerRates WithTickRate(double tickRate)
    {
        if (!TickRates.Contains(tickRate))
            throw new FormatException($"tickRate must be one of {string.Join(", ", TickRates)}, not {tickRate}");
        var rates = this with { TickRate = tickRate };
        int best = rates.TicksPerViewChoices.MinBy(d => Math.Abs(tickRate / d - ViewsPerSecond));
        return rates with { TicksPerView = best };
    }

    public ServerRates WithTicksPerView(double ticksPerView)
    {
        if (!TicksPerViewChoices.Any(d => d == ticksPerView))
            throw new FormatException($"ticksPerView must be one of {string.Join(", ", TicksPerViewChoices)} at {TickRate} ticks/s, not {ticksPerView}");
        return this with { TicksPerView = (int)ticksPerView };
    }
}
