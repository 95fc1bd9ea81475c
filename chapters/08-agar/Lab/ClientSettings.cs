using System.Text.Json.Serialization;
using Netcode.Transport;

namespace Agar.Lab;

/// <summary>
/// What the page may change on one lab client: its simulated network (each way, as chapter 07's simulator
/// spoils both directions), its three smoothing switches, and whether a bot steers it. The limits are the
/// sliders' ends; a value outside them is refused, not clamped.
/// </summary>
public sealed record ClientSettings
{
    public const double MaxLagMs = 500, MaxJitterMs = 250, MaxLossPercent = 30, MaxDuplicatePercent = 30;

    public double LagMs { get; init; }
    public double JitterMs { get; init; }
    public double LossPercent { get; init; }
    public double DuplicatePercent { get; init; }
    public bool Prediction { get; init; } = true;
    public bool Reconciliation { get; init; } = true;
    public bool Interpolation { get; init; } = true;
    public bool Bot { get; init; }

    /// <summary>Every setting by the name the page uses to change it (switches as 0 or 1): what a frame reports.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, double> Fields => new Dictionary<string, double>
    {
        ["lag"] = LagMs, ["jitter"] = JitterMs, ["loss"] = LossPercent, ["duplicates"] = DuplicatePercent,
        ["prediction"] = Prediction ? 1 : 0, ["reconciliation"] = Reconciliation ? 1 : 0, ["interpolation"] = Interpolation ? 1 : 0, ["bot"] = Bot ? 1 : 0,
    };

    /// <summary>The sliders' ends, by field, for the page.</summary>
    public static IReadOnlyDictionary<string, double> Limits { get; } = new Dictionary<string, double>
    {
        ["lag"] = MaxLagMs, ["jitter"] = MaxJitterMs, ["loss"] = MaxLossPercent, ["duplicates"] = MaxDuplicatePercent,
    };

    /// <summary>The simulator's conditions these settings ask for.</summary>
    [JsonIgnore]
    public NetworkConditions Conditions => new(TimeSpan.FromMilliseconds(LagMs), TimeSpan.FromMilliseconds(JitterMs),
        LossPercent / 100, DuplicatePercent / 100);

    /// <summary>These settings with one field changed; a <see cref="FormatException"/> names the field and what it accepts.</summary>
    public ClientSettings With(string field, double value) => field switch
    {
        "lag" => this with { LagMs = InRange(field, value, MaxLagMs, "ms") },
        "jitter" => this with { JitterMs = InRange(field, value, MaxJitterMs, "ms") },
        "loss" => this with { LossPercent = InRange(field, value, MaxLossPercent, "%") },
        "duplicates" => this with { DuplicatePercent = InRange(field, value, MaxDuplicatePercent, "%") },
        "prediction" => this with { Prediction = Switch(field, value) },
        "reconciliation" => this with { Reconciliation = Switch(field, value) },
        "interpolation" => this with { Interpolation = Switch(field, value) },
        "bot" => this with { Bot = Switch(field, value) },
        _ => throw new FormatException($"a client has no setting '{Shorten(field)}' (lag, jitter, loss, duplicates, prediction, reconciliation, interpolation or bot)"),
    };

    private static double InRange(string field, double value, double max, string unit) =>
        double.IsFinite(value) && value >= 0 && value <= max ? value : throw new FormatException($"{field} must be 0 to {max} {unit}, not {value}");

    private static bool Switch(string field, double value) =>
        value is 0 or 1 ? value == 1 : throw new FormatException($"{field} is a switch: 0 (off) or 1 (on), not {value}");

    internal static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "...";
}
