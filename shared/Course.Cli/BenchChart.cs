using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Cli;

/// <summary>One named row of figures, one value per category (NaN where nothing was measured).</summary>
public sealed record Series(string Name, IReadOnlyList<double> Values);

/// <summary>
/// A bench's figures as a chart will show them: lines or grouped bars over categories (10, 100, 1,000
/// clients), optionally on a logarithmic value axis. Written as a small JSON file that the chart program
/// (shared/Course.Charts) draws, so that no chapter carries a graphics library just to measure.
/// </summary>
public sealed record ChartFigures(
    ChartKind Kind, string Title, string CategoryLabel, IReadOnlyList<string> Categories,
    string ValueLabel, IReadOnlyList<Series> Series, bool LogScale)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "µs", not "\u00B5s"
        // "nothing measured here" is NaN, which plain JSON numbers cannot say.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public void Write(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Reads a figures file; a file that is not one is a <see cref="UserError"/> naming it.</summary>
    public static ChartFigures Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ChartFigures>(File.ReadAllText(path), Json)
                   ?? throw new UserError($"{path} holds no chart figures", ExitCodes.Usage);
        }
        catch (JsonException e)
        {
            throw new UserError($"{path} is not a chart figures file: {e.Message}", ExitCodes.Usage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}", ExitCodes.Usage);
        }
    }
}

public enum ChartKind { Lines, Bars }

/// <summary>What a bench calls to hand over its figures: the same calls whether or not anyone draws them.</summary>
public static class BenchChart
{
    /// <summary>A line per series over the categories.</summary>
    public static void Lines(string path, string title, string categoryLabel, IReadOnlyList<string> categories,
        string valueLabel, IEnumerable<Series> series, bool logScale = false) =>
        new ChartFigures(ChartKind.Lines, title, categoryLabel, categories, valueLabel, [.. series], logScale).Write(path);

    /// <summary>A group of bars per category, one bar per series.</summary>
    public static void Bars(string path, string title, string categoryLabel, IReadOnlyList<string> categories,
        string valueLabel, IEnumerable<Series> series, bool logScale = false) =>
        new ChartFigures(ChartKind.Bars, title, categoryLabel, categories, valueLabel, [.. series], logScale).Write(path);
}
